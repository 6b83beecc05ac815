"""Tests of the recommendation engine and the recommend command (no database)."""
