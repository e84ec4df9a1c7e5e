"""Buyer-side analyzer for Microsoft licensing proposals and amendments."""
