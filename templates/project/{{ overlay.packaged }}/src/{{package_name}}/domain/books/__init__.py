"""The example resource: books."""
