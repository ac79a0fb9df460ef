"""The visible window and its layout: time scale, ticks, lanes, scene. No Qt."""
