"""Sign-in lockout, idle sessions, security headers and start-up checks (ADR 0011)."""
