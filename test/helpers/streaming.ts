/** What Matillion's Terraform provider sends for a postgres → snowflake pipeline (lower-case enums, `key`). */
export const tfPostgresToSnowflake = (name: string, agentId: string) => ({
  name,
  agentId,
  streamingSource: {
    type: 'postgres',
    connection: { host: 'db.example.com', port: 5432, database: 'shop', username: 'cdc', password: { secretType: 'aws_secrets_manager', secretName: 'prod/cdc', key: 'password' }, jdbcProperties: { sslmode: 'require' } },
    tables: [
      { schema: 'public', table: 'orders' },
      { schema: 'public', table: 'customers' },
    ],
  },
  streamingTarget: {
    type: 'snowflake',
    connection: {
      accountName: 'xy12345.eu-west-1',
      username: 'STREAMER',
      authentication: { type: 'key-pair', privateKey: { secretType: 'aws_secrets_manager', secretName: 'prod/sf-key' }, passphrase: { secretType: 'aws_secrets_manager', secretName: 'prod/sf-pass' } },
    },
    role: 'LOADER',
    warehouse: 'WH',
    database: 'RAW',
    stageSchema: 'STAGE',
    stageName: 'CDC_STAGE',
    tableSchema: 'CDC',
    tablePrefixType: 'none',
    transformationType: 'copy_table_soft_delete',
    temporalMapping: 'native',
  },
  advancedProperties: { 'max.batch.size': '1000' },
});
