"""Tests of the case registry."""
