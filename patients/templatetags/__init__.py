"""Template tags of the clinic pages."""
