// Prisma 7 reads no .env by itself: the connection comes from DATABASE_URL, set by the start and
// test scripts (the embedded PostgreSQL, scripts/embedded-postgres.ts) or by the operator for production.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL,
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
