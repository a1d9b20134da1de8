// Prisma 7 reads no .env by itself: the connection comes from DATABASE_URL, set by the start and
// test scripts (embedded PGlite or Debian's PostgreSQL) or by the operator for production.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:55432/postgres',
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
