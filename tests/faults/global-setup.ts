// The fault suite starts and kills its own Portico processes; this only gives the run its database.
import { createDatabase, dropDatabase } from "../support/postgres";
import { createTestEnv, getTestDatabase } from "../support/test-env";

export async function setup() {
  const env = createTestEnv();
  if (getTestDatabase() === "postgresql") await createDatabase(env.DATABASE_URL);
  return async () => {
    if (getTestDatabase() === "postgresql") await dropDatabase(env.DATABASE_URL);
  };
}
