"""Pipeline step 5: render diagnostics (text for people, JSON for machines)."""
