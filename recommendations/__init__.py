"""recommendations app."""
