"""Readers for the exporters' file layouts, each turning bytes into a ParseResult."""
