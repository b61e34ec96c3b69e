import "server-only";
import { type DialectAdapter, SqliteAdapter, SqliteDialect } from "kysely";

/**
 * Kysely reports SQLite as lacking transactional DDL, so its Migrator would run each migration
 * bare and a failure halfway would leave half a schema. SQLite does roll DDL back, so say so.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
