"""What the app writes, and where its own files are: atomic writes, data exports, resources."""
