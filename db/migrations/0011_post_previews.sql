ALTER TABLE "comments" ADD COLUMN "post_excerpt" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "post_thumbnail_url" text;--> statement-breakpoint
CREATE INDEX "comments_post_idx" ON "comments" USING btree ("channel_id","post_id");