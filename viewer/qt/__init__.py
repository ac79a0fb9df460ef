"""The Qt layer: widgets that translate input and paint what the pure core computed."""
