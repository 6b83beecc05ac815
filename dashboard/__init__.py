"""The program dashboard: the guideline's measures for a program and a period."""
