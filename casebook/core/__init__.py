"""Who acts, what they may do, and the town sources and audit trail every feature shares."""
