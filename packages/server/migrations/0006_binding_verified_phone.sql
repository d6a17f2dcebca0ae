-- A roster-match request carries the phone its requester proved with a one-time code, so the
-- reviewer (committee or community) sees the number that was verified when the request was made,
-- even if the account's phone changes later. NULL: nothing was verified (invitation bindings,
-- requests made before codes were required).
ALTER TABLE bindings ADD COLUMN IF NOT EXISTS verified_phone text;
