-- A placement is now claimed by storing its intent (order_intents) before it is sent, so that a restart also takes up
-- an order whose step was never stored; the separate claims table of V2 is no longer used.
drop table placement_claims;
