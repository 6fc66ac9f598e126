"""Referrals from a service card: a professional refers a client to an association's
service, the association answers through a signed link (`service.Referrals`)."""
