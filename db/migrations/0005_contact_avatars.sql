ALTER TABLE "contacts" ADD COLUMN "avatar_key" text;--> statement-breakpoint
-- a stored platform URL expires and must not reach the browser: fetch (and copy) those profiles again on the next message
UPDATE "contacts" SET "profile_fetched_at" = NULL WHERE "avatar_url" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "avatar_url";
