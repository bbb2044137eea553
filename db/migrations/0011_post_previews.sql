ALTER TABLE "comments" ADD COLUMN "post_excerpt" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "post_picture_key" text;--> statement-breakpoint
CREATE INDEX "comments_post_idx" ON "comments" USING btree ("channel_id","post_id");