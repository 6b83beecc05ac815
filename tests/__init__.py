"""Test suite; mirrors the apps."""
