"""Negotiation Landscape: curated positions in the Russia–Ukraine peace negotiations."""
