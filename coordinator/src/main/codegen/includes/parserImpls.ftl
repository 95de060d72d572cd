<#--
  Blueshift's additions to Calcite's SQL grammar: Redshift DDL (CREATE/DROP TABLE and SCHEMA,
  TRUNCATE), COPY and UNLOAD, ANALYZE, VACUUM, EXPLAIN [VERBOSE], SHOW, SET … TO, transaction
  control, Redshift type names, PostgreSQL "expr::type" casts and DATEADD/DATEDIFF.

  Action code is parsed by JavaCC 4.0: Java 5 syntax only (no diamonds, lambdas, var), and no
  variable may be called "options".
-->

/** CREATE [TEMP | TEMPORARY] TABLE [IF NOT EXISTS] name ( element, … ) attributes [AS query]
 *  or CREATE … TABLE name attributes AS query. */
SqlCreate RsCreateTable(Span s, boolean replace) :
{
    boolean temporary = false;
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final List<SqlColumnDeclaration> columns = new ArrayList<SqlColumnDeclaration>();
    final List<SqlIdentifier> primaryKey = new ArrayList<SqlIdentifier>();
    final SqlCreateTable.Attributes attributes = new SqlCreateTable.Attributes();
    SqlNode query = null;
}
{
    [ ( <TEMP> | <TEMPORARY> ) { temporary = true; } ]
    <TABLE>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    [
        <LPAREN>
        RsTableElement(columns, primaryKey, attributes)
        ( <COMMA> RsTableElement(columns, primaryKey, attributes) )*
        <RPAREN>
    ]
    ( RsTableAttribute(attributes) )*
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return new SqlCreateTable(s.end(this), replace, temporary, ifNotExists, name, columns,
            primaryKey, attributes, query);
    }
}

/** A column declaration, a table constraint or LIKE t [INCLUDING | EXCLUDING DEFAULTS] inside
 *  CREATE TABLE's parentheses. */
void RsTableElement(List<SqlColumnDeclaration> columns, List<SqlIdentifier> primaryKey,
    SqlCreateTable.Attributes attributes) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final SqlColumnDeclaration.Builder column;
    final Span s;
    SqlIdentifier like;
    boolean includingDefaults = false;
}
{
    RsTableConstraint(primaryKey)
|
    <LIKE> { s = span(); } like = CompoundIdentifier()
    [ ( <INCLUDING> { includingDefaults = true; } | <EXCLUDING> ) <DEFAULTS> ]
    {
        attributes.like(like, includingDefaults, s.end(this));
    }
|
    name = SimpleIdentifier() { s = span(); }
    type = DataType() { column = SqlColumnDeclaration.builder(name, type); }
    ( RsColumnAttribute(column) )*
    {
        columns.add(column.build(s.end(this)));
    }
}

/** [CONSTRAINT name] PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES t [(…)]
 *  | CHECK (expr). Only PRIMARY KEY is kept; Redshift enforces none of them. */
void RsTableConstraint(List<SqlIdentifier> primaryKey) :
{
    SqlNodeList list;
    SqlNode e;
}
{
    [ <CONSTRAINT> SimpleIdentifier() ]
    (
        <PRIMARY> <KEY> list = ParenthesizedSimpleIdentifierList() {
            if (!primaryKey.isEmpty()) {
                throw dev.blueshift.coordinator.sql.ddl.SqlErrors.syntax(getPos(),
                    "PRIMARY KEY given twice");
            }
            for (SqlNode n : list) {
                primaryKey.add((SqlIdentifier) n);
            }
        }
    |
        <UNIQUE> ParenthesizedSimpleIdentifierList()
    |
        <FOREIGN> <KEY> ParenthesizedSimpleIdentifierList()
        <REFERENCES> CompoundIdentifier() [ ParenthesizedSimpleIdentifierList() ]
    |
        <CHECK> <LPAREN> e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN>
    )
}

/** One attribute of a column declaration; they may come in any order. */
void RsColumnAttribute(SqlColumnDeclaration.Builder column) :
{
    SqlNode e;
    SqlNode seed;
    SqlNode step;
    SqlIdentifier table;
    SqlIdentifier refColumn = null;
    SqlParserPos pos;
    String encoding;
}
{
    <ENCODE> { pos = getPos(); } encoding = RsWord() { column.encode(encoding, pos); }
|
    <DISTKEY> { column.distKey(getPos()); }
|
    <SORTKEY> { column.sortKey(getPos()); }
|
    <NOT> { pos = getPos(); } <NULL> { column.nullability(true, pos); }
|
    <NULL> { column.nullability(false, getPos()); }
|
    <DEFAULT_> { pos = getPos(); } e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
        column.defaultValue(e, pos);
    }
|
    <IDENTITY> { pos = getPos(); }
    <LPAREN> seed = NumericLiteral() <COMMA> step = NumericLiteral() <RPAREN> {
        column.identity(seed, step, pos);
    }
|
    <GENERATED> { pos = getPos(); } <BY> <DEFAULT_> <AS> <IDENTITY>
    <LPAREN> seed = NumericLiteral() <COMMA> step = NumericLiteral() <RPAREN> {
        column.identity(seed, step, pos);
    }
|
    <PRIMARY> { pos = getPos(); } <KEY> { column.primaryKey(pos); }
|
    <UNIQUE> { column.unique(getPos()); }
|
    <REFERENCES> { pos = getPos(); } table = CompoundIdentifier()
    [ <LPAREN> refColumn = SimpleIdentifier() <RPAREN> ] {
        column.references(table, refColumn, pos);
    }
|
    <COLLATE> RsWord()
}

/** A bare word: an identifier or a non-reserved keyword, as written (e.g. an encoding name). */
String RsWord() :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier() { return id.getSimple(); }
}

/** DISTSTYLE …, DISTKEY (c), [COMPOUND | INTERLEAVED] SORTKEY (…) | SORTKEY AUTO, ENCODE AUTO. */
void RsTableAttribute(SqlCreateTable.Attributes attributes) :
{
    SqlParserPos pos;
    SqlIdentifier id;
    SortKeyStyle style = null;
    SqlNodeList list;
    final List<SqlIdentifier> keys = new ArrayList<SqlIdentifier>();
}
{
    <DISTSTYLE> { pos = getPos(); }
    (
        <AUTO> { attributes.distStyle(DistStyle.AUTO, pos); }
    |   <EVEN> { attributes.distStyle(DistStyle.EVEN, pos); }
    |   <KEY> { attributes.distStyle(DistStyle.KEY, pos); }
    |   <ALL> { attributes.distStyle(DistStyle.ALL, pos); }
    )
|
    <DISTKEY> { pos = getPos(); } <LPAREN> id = SimpleIdentifier() <RPAREN> {
        attributes.distKey(id, pos);
    }
|
    [ <COMPOUND> { style = SortKeyStyle.COMPOUND; } | <INTERLEAVED> { style = SortKeyStyle.INTERLEAVED; } ]
    <SORTKEY> { pos = getPos(); }
    (
        list = ParenthesizedSimpleIdentifierList() {
            for (SqlNode n : list) {
                keys.add((SqlIdentifier) n);
            }
            attributes.sortKey(style, keys, pos);
        }
    |
        <AUTO> { attributes.sortKey(style, keys, pos); }
    )
|
    <ENCODE> <AUTO>
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION user]. */
SqlCreate RsCreateSchema(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    SqlIdentifier owner = null;
}
{
    <SCHEMA>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    [ <AUTHORIZATION> owner = SimpleIdentifier() ]
    {
        return new SqlCreateSchema(s.end(this), replace, ifNotExists, name, owner);
    }
}

/** CREATE [OR REPLACE] VIEW name [(column, …)] AS query (Calcite's own view node). */
SqlCreate RsCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
}
{
    <VIEW>
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return SqlDdlNodes.createView(s.end(this), replace, name, columns, query);
    }
}

/** DROP VIEW [IF EXISTS] name [CASCADE | RESTRICT] (Calcite's own view node). */
SqlDrop RsDropView(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <VIEW>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    [ <CASCADE> | <RESTRICT> ]
    {
        return SqlDdlNodes.dropView(s.end(this), ifExists, name);
    }
}

/** DROP TABLE [IF EXISTS] name [CASCADE | RESTRICT]. */
SqlDrop RsDropTable(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    <TABLE>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    {
        return new SqlDropTable(s.end(this), ifExists, name, cascade);
    }
}

/** DROP SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]. */
SqlDrop RsDropSchema(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    <SCHEMA>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    {
        return new SqlDropSchema(s.end(this), ifExists, name, cascade);
    }
}

/** ALTER TABLE name RENAME TO new | RENAME [COLUMN] a TO b | ADD [COLUMN] declaration
 *  | DROP [COLUMN] c [CASCADE | RESTRICT]. */
SqlNode RsAlterTable() :
{
    final Span s;
    final SqlIdentifier name;
    SqlIdentifier a;
    SqlIdentifier b;
    final SqlDataTypeSpec type;
    final SqlColumnDeclaration.Builder column;
    final Span cs;
}
{
    <ALTER> { s = span(); } <TABLE> name = CompoundIdentifier()
    (
        <RENAME>
        (
            <TO> b = CompoundIdentifier() {
                return SqlAlterTable.renameTable(s.end(this), name, b);
            }
        |
            [ <COLUMN> ] a = SimpleIdentifier() <TO> b = SimpleIdentifier() {
                return SqlAlterTable.renameColumn(s.end(this), name, a, b);
            }
        )
    |
        <ADD> [ <COLUMN> ]
        a = SimpleIdentifier() { cs = span(); }
        type = DataType() { column = SqlColumnDeclaration.builder(a, type); }
        ( RsColumnAttribute(column) )*
        {
            return SqlAlterTable.addColumn(s.end(this), name, column.build(cs.end(this)));
        }
    |
        <DROP> [ <COLUMN> ] a = SimpleIdentifier() [ <CASCADE> | <RESTRICT> ] {
            return SqlAlterTable.dropColumn(s.end(this), name, a);
        }
    )
}

/** TRUNCATE [TABLE] name. */
SqlNode RsTruncate() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <TRUNCATE> { s = span(); }
    [ <TABLE> ]
    name = CompoundIdentifier()
    {
        return new dev.blueshift.coordinator.sql.ddl.SqlTruncate(s.end(this), name);
    }
}

/** COPY table [(column, …)] FROM {'path' | STDIN} [WITH] option …. */
SqlNode RsCopy() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier c;
    final List<SqlIdentifier> columns = new ArrayList<SqlIdentifier>();
    String from = null;
    boolean stdin = false;
    final List<SqlNode> items = new ArrayList<SqlNode>();
}
{
    <COPY> { s = span(); }
    table = CompoundIdentifier()
    [
        <LPAREN> c = SimpleIdentifier() { columns.add(c); }
        ( <COMMA> c = SimpleIdentifier() { columns.add(c); } )*
        <RPAREN>
    ]
    <FROM>
    ( <STDIN> { stdin = true; } | from = SimpleStringLiteral() )
    RsOptionItems(items)
    {
        return new SqlCopy(s.end(this), table, columns, from, stdin,
            SqlCopyOption.fromItems(SqlCopyOption.Command.COPY, items));
    }
}

/** UNLOAD ('query') TO 'path' option …. */
SqlNode RsUnload() :
{
    final Span s;
    final String query;
    final String to;
    final List<SqlNode> items = new ArrayList<SqlNode>();
}
{
    <UNLOAD> { s = span(); }
    <LPAREN> query = SimpleStringLiteral() <RPAREN>
    <TO> to = SimpleStringLiteral()
    RsOptionItems(items)
    {
        return new SqlUnload(s.end(this), query, to,
            SqlCopyOption.fromItems(SqlCopyOption.Command.UNLOAD, items));
    }
}

/** The flat list of words and literals after COPY … FROM / UNLOAD … TO; grouped into options by
 *  SqlCopyOption.fromItems, because whether a word is a value depends on the option. */
void RsOptionItems(List<SqlNode> items) :
{
    SqlNode e;
}
{
    (
        e = SimpleIdentifier() { items.add(e); }
    |
        e = StringLiteral() { items.add(e); }
    |
        e = UnsignedNumericLiteral() { items.add(e); }
    |
        ( <NULL> | <ESCAPE> | <ON> | <TRUE> | <FALSE> | <DEFAULT_> | <AS> | <WITH> ) {
            items.add(SqlCopyOption.keyword(token.image, getPos()));
        }
    )*
}

/** ANALYZE [VERBOSE] [table [(column, …)]]. */
SqlNode RsAnalyze() :
{
    final Span s;
    boolean verbose = false;
    SqlIdentifier table = null;
    SqlNodeList list;
    final List<SqlIdentifier> columns = new ArrayList<SqlIdentifier>();
}
{
    <ANALYZE> { s = span(); }
    // "ANALYZE verbose" means the keyword, not a table named verbose.
    [ LOOKAHEAD(1) <VERBOSE> { verbose = true; } ]
    [
        table = CompoundIdentifier()
        [
            list = ParenthesizedSimpleIdentifierList() {
                for (SqlNode n : list) {
                    columns.add((SqlIdentifier) n);
                }
            }
        ]
    ]
    {
        return new SqlAnalyze(s.end(this), table, columns, verbose);
    }
}

/** VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX] [table [TO n PERCENT]]. */
SqlNode RsVacuum() :
{
    final Span s;
    SqlVacuum.Mode mode = null;
    SqlIdentifier table = null;
    Integer percent = null;
    int n;
}
{
    <VACUUM> { s = span(); }
    [
        <FULL> { mode = SqlVacuum.Mode.FULL; }
    |
        <DELETE> <ONLY> { mode = SqlVacuum.Mode.DELETE_ONLY; }
    |
        LOOKAHEAD({ "SORT".equalsIgnoreCase(getToken(1).image) && getToken(2).kind == ONLY })
        SimpleIdentifier() <ONLY> { mode = SqlVacuum.Mode.SORT_ONLY; }
    |
        LOOKAHEAD({ "REINDEX".equalsIgnoreCase(getToken(1).image)
            && getToken(2).kind != EOF && getToken(2).kind != SEMICOLON })
        SimpleIdentifier() { mode = SqlVacuum.Mode.REINDEX; }
    ]
    [
        table = CompoundIdentifier()
        [ <TO> n = UnsignedIntLiteral() <PERCENT> { percent = n; } ]
    ]
    {
        return new SqlVacuum(s.end(this), table, mode, percent);
    }
}

/** EXPLAIN [ANALYZE] [VERBOSE] statement; Calcite's EXPLAIN PLAN … FOR still works. */
SqlNode RsExplain() :
{
    final Span s;
    boolean verbose = false;
    boolean analyze = false;
    final SqlNode stmt;
}
{
    (
        LOOKAHEAD(2)
        stmt = SqlExplain() { return stmt; }
    |
        <EXPLAIN> { s = span(); }
        ( LOOKAHEAD(1) ( <VERBOSE> { verbose = true; } | <ANALYZE> { analyze = true; } ) )*
        stmt = SqlQueryOrDml()
        {
            return new SqlRedshiftExplain(s.end(this), stmt, verbose, analyze);
        }
    )
}

/** BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT [TRANSACTION | WORK]. */
SqlNode RsTransaction() :
{
    final Span s;
    final SqlTransaction.Kind kind;
}
{
    (
        <BEGIN> { kind = SqlTransaction.Kind.BEGIN; }
    |   <START> { kind = SqlTransaction.Kind.BEGIN; }
    |   <COMMIT> { kind = SqlTransaction.Kind.COMMIT; }
    |   <END> { kind = SqlTransaction.Kind.COMMIT; }
    |   <ROLLBACK> { kind = SqlTransaction.Kind.ROLLBACK; }
    |   <ABORT> { kind = SqlTransaction.Kind.ROLLBACK; }
    )
    { s = span(); }
    [ <TRANSACTION> | <WORK> ]
    {
        return new SqlTransaction(s.end(this), kind);
    }
}

/** SHOW name | SHOW ALL. */
SqlNode RsShow() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        name = CompoundIdentifier()
    |
        <ALL> { name = new SqlIdentifier("all", getPos()); }
    )
    {
        return new SqlShow(s.end(this), name);
    }
}

/** SET name {= | TO} value | RESET {name | ALL}: Calcite's rule plus PostgreSQL's TO. */
SqlSetOption RsSetOption(Span s, String scope) :
{
    SqlIdentifier name;
    final SqlNode val;
}
{
    (
        <SET> { s.add(this); }
        name = CompoundIdentifier()
        ( <EQ> | <TO> )
        (
            val = Literal()
        |
            val = SimpleIdentifier()
        |
            ( <ON> | <DEFAULT_> ) {
                val = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos());
            }
        )
        {
            return new SqlSetOption(s.end(val), scope, (SqlNode) name, val);
        }
    |
        <RESET> { s.add(this); }
        (
            name = CompoundIdentifier()
        |
            <ALL> { name = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos()); }
        )
        {
            return new SqlSetOption(s.end(name), scope, (SqlNode) name, null);
        }
    )
}

/** Redshift/PostgreSQL type names that Calcite lacks, mapped onto standard type specs:
 *  INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, TIMESTAMPTZ, NCHAR/BPCHAR[(n)],
 *  VARCHAR/NVARCHAR/TEXT/CHARACTER VARYING[(n | MAX)]. */
SqlTypeNameSpec RsTypeName() :
{
    final Span s;
    final SqlTypeName t;
    int length = -1;
}
{
    (
        <INT2> { t = SqlTypeName.SMALLINT; }
    |   <INT4> { t = SqlTypeName.INTEGER; }
    |   <INT8> { t = SqlTypeName.BIGINT; }
    |   <FLOAT4> { t = SqlTypeName.REAL; }
    |   <FLOAT8> { t = SqlTypeName.DOUBLE; }
    |   <BOOL> { t = SqlTypeName.BOOLEAN; }
    |   <TIMESTAMPTZ> { t = SqlTypeName.TIMESTAMP_TZ; }
    )
    {
        return new SqlBasicTypeNameSpec(t, getPos());
    }
|
    ( <NCHAR> | <BPCHAR> ) { s = span(); }
    length = RsTypeLength()
    {
        return new SqlBasicTypeNameSpec(SqlTypeName.CHAR, length, s.end(this));
    }
|
    ( <VARCHAR> | <NVARCHAR> | <TEXT> | <CHARACTER> <VARYING> ) { s = span(); }
    length = RsTypeLength()
    {
        return new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, length, s.end(this));
    }
}

/** Optional "(n)" or "(MAX)" after a character type; -1 when absent. */
int RsTypeLength() :
{
    int n = -1;
}
{
    [
        <LPAREN>
        (
            n = UnsignedIntLiteral()
        |
            <MAX> { n = 65535; }
        )
        <RPAREN>
    ]
    { return n; }
}

/** DATEADD(datepart, n, expr) and DATEDIFF(datepart, a, b); datepart as a word or a string. */
SqlNode RsDateFunctionCall() :
{
    final Span s;
    final SqlOperator op;
    SqlNode unit;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    (
        <DATEADD> { op = SqlLibraryOperators.DATEADD; }
    |   <DATEDIFF> { op = SqlLibraryOperators.DATEDIFF; }
    )
    { s = span(); }
    <LPAREN>
    (
        unit = TimeUnitOrName() { unit = DatePart.normalize((SqlIntervalQualifier) unit); }
    |
        e = StringLiteral() {
            unit = DatePart.of(SqlLiteral.unchain(e));
        }
    )
    { args.add(unit); }
    <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    <RPAREN>
    {
        return op.createCall(s.end(this), args);
    }
}

/** PostgreSQL's "expr::type", parsed as CAST(expr AS type). */
void RsInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
    final SqlParserPos pos;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
        pos = getPos();
    }
    dt = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(InfixCastOperator.INSTANCE, pos));
        list.add(dt);
    }
}

/** CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column [ASC | DESC], …): accepted for
 *  portability and ignored, since a columnar store answers with zone maps and sort keys. */
SqlCreate RsCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final SqlIdentifier table;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlIdentifier column;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    <ON>
    table = CompoundIdentifier()
    <LPAREN>
    column = SimpleIdentifier() { columns.add(column); } [ <ASC> | <DESC> ]
    (
        <COMMA> column = SimpleIdentifier() { columns.add(column); } [ <ASC> | <DESC> ]
    )*
    <RPAREN>
    {
        return new SqlCreateIndex(s.end(this), ifNotExists, unique, name, table,
            new SqlNodeList(columns, s.end(this)));
    }
}

/** DROP INDEX [IF EXISTS] name (a no-op, as CREATE INDEX is). */
SqlDrop RsDropIndex(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <INDEX>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    {
        return new SqlDropIndex(s.end(this), ifExists, name);
    }
}
