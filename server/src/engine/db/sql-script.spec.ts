import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './sql-script.js';

describe('splitSqlStatements', () => {
  it('splits at semicolons outside comments, quotes and dollar-quoted bodies', () => {
    const sql = `-- a comment; with a semicolon
CREATE TABLE a (x text DEFAULT 'a;b');
CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;
SELECT 1`;
    expect(splitSqlStatements(sql)).toEqual([
      "CREATE TABLE a (x text DEFAULT 'a;b')",
      'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql',
      'SELECT 1',
    ]);
  });
});
