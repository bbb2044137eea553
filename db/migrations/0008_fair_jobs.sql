ALTER TABLE "jobs" ADD COLUMN "priority" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "checkpoint" text;--> statement-breakpoint
CREATE INDEX "jobs_queued_idx" ON "jobs" USING btree ("priority","run_at") WHERE "jobs"."state" = 'QUEUED';--> statement-breakpoint
CREATE INDEX "jobs_running_idx" ON "jobs" USING btree ("locked_until") WHERE "jobs"."state" = 'RUNNING';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_queued_dedupe_idx" ON "jobs" USING btree ("dedupe_key") WHERE "jobs"."state" = 'QUEUED' and "jobs"."dedupe_key" is not null;