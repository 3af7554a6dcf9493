"""Insight layer: the validated portfolio → facts (figures, alerts, VIP lists, audience views)."""
