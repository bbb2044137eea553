ALTER TABLE "attachments" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
CREATE INDEX "attachments_provider_idx" ON "attachments" USING btree ("provider_message_id") WHERE "attachments"."provider_message_id" is not null;