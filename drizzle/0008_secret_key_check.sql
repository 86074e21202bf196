-- Hand-written: one row holding the key check value of SECRET_KEY (an HMAC of a constant), so a
-- process started with another key (a worker on another machine) refuses to start.
CREATE TABLE IF NOT EXISTS "secret_key_check" (
	"id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
	"check_value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
