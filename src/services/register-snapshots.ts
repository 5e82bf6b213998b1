/**
 * The register held in memory between questions, reloaded when it changes. Every change writes an
 * audit entry, so the newest audit id is the register's version: one indexed read per question tells
 * whether the copy is current, across restarts and other instances alike.
 */
import type { PrismaClient } from "../data/database.js";
import { loadRegister } from "../data/register-store.js";
import type { RegisterReview } from "../domain/register.js";

export class RegisterSnapshots {
  private current: { version: number; reviews: RegisterReview[] } | null = null;
  private loading: Promise<{ version: number; reviews: RegisterReview[] }> | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  async get(): Promise<RegisterReview[]> {
    const rows = await this.prisma.$queryRaw<{ version: number | bigint | null }[]>`SELECT MAX("id") AS "version" FROM "AuditEntry"`;
    const version = Number(rows[0]?.version ?? 0);
    if (this.current?.version === version) return this.current.reviews;
    // Questions arriving together share one reload.
    this.loading ??= loadRegister(this.prisma)
      .then((reviews) => (this.current = { version, reviews }))
      .finally(() => {
        this.loading = null;
      });
    return (await this.loading).reviews;
  }
}
