"""Which events a filter or a search keeps. No Qt."""
