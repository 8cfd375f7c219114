#!/usr/bin/perl
# Generates the extension's SQL from its one declaration, sql/api.decl (the
# file's header describes the format):
#   sql/install/nps_ext--<version>.sql             full install script
#   sql/install/nps_ext--<previous>--<version>.sql update script
#   test/catalog.sql, between its "generated" markers: the expected objects
#   docs/reference.md, between its "generated" markers: every signature
# Only the current version's scripts are written: released ones never change.
#   scripts/generate_sql.pl [--check]
# --check writes nothing: it prints "ok - FILE ..." or "not ok - FILE ..."
# per file and exits 1 when any differs from what the declaration generates.
use strict;
use warnings FATAL => 'all';
use FindBin;

my $top = "$FindBin::Bin/..";
die "usage: scripts/generate_sql.pl [--check]\n" if @ARGV > 1 || (@ARGV && $ARGV[0] ne '--check');
my $check = @ARGV == 1;

# ---------------------------------------------------------------------------
# Reading the declaration
# ---------------------------------------------------------------------------

# Blocks as written: { kind, header, line, keys => [[key, value], ...] }.
sub read_blocks {
    my ($path) = @_;
    open my $fh, '<', $path or die "$path: $!\n";
    my (@blocks, $block);
    while (my $line = <$fh>) {
        chomp $line;
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^(\S+)\s*:\s*(.*)$/ && $line !~ /^\S+\s*\(/) {
            push @blocks, { kind => 'setting', key => $1, value => $2, line => $. };
            undef $block;
        } elsif ($line =~ /^(type|function|state|aggregate|operator|opclass|section|release|map)\s+(.*)$/) {
            $block = { kind => $1, header => $2, line => $., keys => [] };
            push @blocks, $block;
        } elsif ($line =~ /^\s+([^:]+?)\s*:\s*(.*)$/ && $block) {
            push @{ $block->{keys} }, [$1, $2];
        } else {
            die "$path:$.: cannot read: $line\n";
        }
    }
    return @blocks;
}

# The loops of a block: [[var, [values]], ...] from its "each" keys.
sub loops_of {
    my ($block, $scores) = @_;
    my (@loops, %seen);
    for my $kv (grep { $_->[0] eq 'each' } @{ $block->{keys} }) {
        if ($kv->[1] eq 'score') {
            push @loops, ['score', [map { $_->{sql} } @$scores]];
        } elsif ($kv->[1] =~ /^(\w+)\s*=\s*(.+)$/) {
            push @loops, [$1, [split ' ', $2]];
        } else {
            die "line $block->{line}: each: expects 'score' or 'var = values'\n";
        }
        die "line $block->{line}: each: $loops[-1][0] given twice\n" if $seen{ $loops[-1][0] }++;
    }
    return @loops;
}

# Every combination of the loop values, outer loop first.
sub bindings {
    my @loops = @_;
    my @out = ({});
    for my $loop (@loops) {
        my ($var, $values) = @$loop;
        @out = map { my $b = $_; map { +{ %$b, $var => $_ } } @$values } @out;
    }
    return @out;
}

sub substitute {
    my ($text, $bind, $scores) = @_;
    $text =~ s/\{score\.c\}/(grep { $_->{sql} eq $bind->{score} } @$scores)[0]{c}/ge
        if defined $bind->{score};
    $text =~ s/\{(\w+)\}/exists $bind->{$1} ? ($bind->{$1} eq '-' ? '' : $bind->{$1}) : "{$1}"/ge;
    die "unbound placeholder in: $text\n" if $text =~ /\{[\w.]+\}/;
    return $text;
}

# One block expanded for one binding: header and keys substituted, a
# "key.VALUE" entry replacing "key" when a loop variable has that value.
sub instantiate {
    my ($block, $bind, $scores, $loops) = @_;
    my %values = map { $_ => 1 } values %$bind;
    my %any_value = map { map { $_ => 1 } @{ $_->[1] } } @$loops;
    my (%plain, %special, %variants, @multi);
    for my $kv (@{ $block->{keys} }) {
        my ($key, $value) = @$kv;
        next if $key eq 'each';
        check_key($block, $key, $value);
        if ($key =~ /^(\w+)\.(\S+)$/) {
            die "line $block->{line}: $key: $2 is none of the block's loop values\n" unless $any_value{$2};
            die "line $block->{line}: $key given twice\n" if $variants{$key}++;
            $special{$1} = $value if $values{$2};
        } elsif ($key eq 'notes' || $key =~ /^(operator|function) \d+$/ || $key =~ /^row \S+$/) {
            push @multi, [$key, substitute($value, $bind, $scores)];
        } else {
            die "line $block->{line}: $key given twice\n" if exists $plain{$key};
            $plain{$key} = $value;
        }
    }
    my %keys = (%plain, %special);
    $keys{$_} = substitute($keys{$_}, $bind, $scores) for keys %keys;
    # An object for a score type added later than its block exists since then.
    if (defined $bind->{score}) {
        my ($type) = grep { $_->{sql} eq $bind->{score} } @$scores;
        $keys{since} = $type->{since}
            if $type->{since} && !version_le($type->{since}, $keys{since} // '1.0');
    }
    return { kind => $block->{kind}, line => $block->{line},
             header => substitute($block->{header}, $bind, $scores),
             keys => \%keys, multi => \@multi };
}

# The keys each kind of block takes, and the values a key allows (a
# pattern): a misspelled key or value stops the generator instead of
# silently meaning the default.
my %keys_of = (
    type      => [qw(input output receive send comment comment_since since map)],
    function  => [qw(c volatility strict parallel rows window comment comment_since since map)],
    state     => [qw(stype sspace combine serial deserial initcond)],
    aggregate => [qw(state sfunc final inverse parallel comment comment_since since map)],
    operator  => [qw(function commutator negator restrict join hashes merges comment since map)],
    opclass   => [qw(default comment since map), 'operator N', 'function N'],
    section   => [],
    release   => [qw(notes)],
    map       => ['row ID'],
);
my %values_of = (
    volatility => qr/^(immutable|stable|volatile)$/, strict => qr/^(yes|no)$/,
    parallel => qr/^(safe|restricted|unsafe)$/, hashes => qr/^(yes|no)$/,
    merges => qr/^(yes|no)$/, default => qr/^(yes|no)$/, since => qr/^\d+\.\d+$/,
    comment_since => qr/^\d+\.\d+$/,
    rows => qr/^\d+$/, window => qr/^(yes|no)$/, sspace => qr/^\d+$/, map => qr/^\S+\s+[^|]+$/,
    'row ID' => qr/^[^|]+\|[^|]+$/,
);
my %required_of = (
    function => [qw(c comment)], aggregate => [qw(state sfunc final comment)],
    type => [qw(input output receive send comment)], operator => [qw(function comment)],
    opclass => [qw(comment)], state => [qw(stype sspace combine)],
);

sub check_key {
    my ($block, $key, $value) = @_;
    (my $base = $key) =~ s/\..*$//;
    $base =~ s/^(operator|function) \d+$/$1 N/;
    $base =~ s/^row \S+$/row ID/;
    die "line $block->{line}: $block->{kind} blocks have no key '$key'\n"
        unless grep { $_ eq $base } @{ $keys_of{ $block->{kind} } };
    die "line $block->{line}: $key: empty value\n" unless length $value;
    die "line $block->{line}: $key: '$value' is not allowed\n"
        if $values_of{$base} && $value !~ $values_of{$base};
}

# An internal state needs both serialization functions (PostgreSQL runs
# its combine function in parallel plans only then); no other state has any.
sub check_serialization {
    my ($o) = @_;
    my $k = $o->{keys};
    my $internal = $k->{stype} eq 'internal';
    for my $key (qw(serial deserial)) {
        die "line $o->{line}: state $o->{name}: an internal stype needs $key:\n"
            if $internal && !defined $k->{$key};
        die "line $o->{line}: state $o->{name}: $key: is only for an internal stype\n"
            if !$internal && defined $k->{$key};
    }
}

sub check_required {
    my ($o) = @_;
    for my $key (@{ $required_of{ $o->{kind} } // [] }) {
        die "line $o->{line}: $o->{header} has no $key:\n" unless defined $o->{keys}{$key};
    }
}

# ---------------------------------------------------------------------------
# Names and types
# ---------------------------------------------------------------------------

my %builtin = (
    'smallint' => 'int2', 'integer' => 'int4', 'bigint' => 'int8',
    'real' => 'float4', 'numeric' => 'numeric', 'double precision' => 'float8',
    'text' => 'text', 'cstring' => 'cstring', 'internal' => 'internal', 'bytea' => 'bytea',
    'boolean' => 'bool', 'date' => 'date', 'timestamp without time zone' => 'timestamp',
    'timestamp with time zone' => 'timestamptz', 'interval' => 'interval', 'jsonb' => 'jsonb',
    'name' => 'name', 'regclass' => 'regclass', 'trigger' => 'trigger', 'void' => 'void',
);
my %own_type;    # filled from the type blocks

sub qualified_type {
    my ($type) = @_;
    return qualified_type($1) . '[]' if $type =~ /^(.+)\[\]$/;
    return "pg_catalog.$builtin{$type}" if exists $builtin{$type};
    return "\@extschema\@.$type" if $own_type{$type};
    die "unknown type: $type\n";
}

sub split_top_level {
    my ($text) = @_;
    my ($cur, $depth, $quote, @parts) = ('', 0, 0);
    for my $ch (split //, $text) {
        $quote = !$quote if $ch eq "'";
        $depth++ if $ch eq '(' && !$quote;
        $depth-- if $ch eq ')' && !$quote;
        if ($ch eq ',' && !$depth && !$quote) { push @parts, $cur; $cur = ''; next }
        $cur .= $ch;
    }
    push @parts, $cur if $cur =~ /\S/;
    s/^\s+|\s+$//g for @parts;
    return @parts;
}

sub is_type { my ($t) = @_; $t =~ s/\[\]$//; return exists $builtin{$t} || $own_type{$t} }

# "name type DEFAULT x" or "type": { name, type, default }.
sub parse_arg {
    my ($arg) = @_;
    my $default;
    $default = $1 if $arg =~ s/\s+DEFAULT\s+(.*)$//;
    return { type => $arg, default => $default } if is_type($arg);
    return { name => $1, type => $2, default => $default }
        if $arg =~ /^(\w+)\s+(.+)$/ && is_type($2);
    die "cannot read argument: $arg\n";
}

# "name(args)" plus the rest of the header.
sub parse_signature {
    my ($text) = @_;
    $text =~ /^(\S+?)\s*\((.*?)\)\s*(.*)$/ or die "cannot read signature: $text\n";
    return ($1, [map { parse_arg($_) } split_top_level($2)], $3);
}

sub sql_args {
    my ($args) = @_;
    return join ', ', map {
        join ' ', grep { defined } $_->{name}, qualified_type($_->{type}),
            (defined $_->{default} ? "DEFAULT $_->{default}" : undef)
    } @$args;
}
sub sql_types { my ($args) = @_; join ', ', map { qualified_type($_->{type}) } @$args }
sub plain_types { my ($args) = @_; join ', ', map { $_->{type} } @$args }
sub quote { my ($s) = @_; $s =~ s/'/''/g; "'$s'" }

# ---------------------------------------------------------------------------
# The objects: expanded, checked, with what the emitters need
# ---------------------------------------------------------------------------

sub version_le {
    my ($a, $b) = @_;
    my @a = split /\./, $a;
    my @b = split /\./, $b;
    return $a[0] < $b[0] || ($a[0] == $b[0] && $a[1] <= $b[1]);
}

sub build_object {
    my ($o) = @_;
    my $k = $o->{keys};
    $o->{since} = $k->{since} // '1.0';
    if ($o->{kind} =~ /^(function|aggregate)$/) {
        my ($name, $args, $rest) = parse_signature($o->{header});
        @$o{qw(name args)} = ($name, $args);
        if ($o->{kind} eq 'function') {
            $rest =~ /^returns\s+(.+)$/ or die "line $o->{line}: function without returns\n";
            $o->{returns} = $1;
            die "line $o->{line}: $name has no c:\n" unless $k->{c};
        }
        $o->{signature} = "$name(" . plain_types($args) . ')';
    } elsif ($o->{kind} eq 'operator') {
        my ($name, $args) = parse_signature($o->{header});
        @$o{qw(name args)} = ($name, $args);
        $o->{signature} = "$name(" . plain_types($args) . ')';
    } elsif ($o->{kind} eq 'opclass') {
        $o->{header} =~ /^(\w+) for (\w+) using (\w+)$/ or die "line $o->{line}: opclass NAME for TYPE using METHOD\n";
        @$o{qw(name type method)} = ($1, $2, $3);
    } elsif ($o->{kind} eq 'type' || $o->{kind} eq 'state') {
        $o->{name} = $o->{header};
    }
    check_required($o);
    check_serialization($o) if $o->{kind} eq 'state';
    return $o;
}

# The support functions: those another object of the declaration names
# (an aggregate's transition, inverse and final functions, a state's
# combine function, a type's I/O functions, an operator's function, an
# operator class's support functions).  Every other function is called by
# queries.
sub support_names {
    my ($decl) = @_;
    my %support;
    for my $o (@{ $decl->{objects} }, values %{ $decl->{states} }) {
        my $k = $o->{keys};
        $support{ $k->{$_} } = 1
            for grep { defined $k->{$_} } qw(sfunc final inverse combine serial deserial input output receive send);
        $support{ $k->{function} } = 1 if $o->{kind} eq 'operator';
        $support{$_} = 1 for map { $_->[1] =~ /^(\w+)\(/ ? $1 : () } @{ $o->{multi} // [] };
    }
    return \%support;
}

sub is_user_facing {
    my ($o, $support) = @_;
    return 1 if $o->{kind} =~ /^(aggregate|operator|opclass)$/;
    return $o->{kind} eq 'function' && !$support->{ $o->{name} };
}

# After expansion: no object twice, every object a query calls in
# README's map.
sub check_objects {
    my ($decl) = @_;
    my %seen;
    my $support = support_names($decl);
    for my $o (@{ $decl->{objects} }) {
        next if $o->{kind} eq 'section';
        my $identity = "$o->{kind} " . ($o->{signature} // $o->{name});
        die "line $o->{line}: $identity is declared twice\n" if $seen{$identity}++;
        die "line $o->{line}: $identity is called by queries but has no map: entry (README's map)\n"
            if is_user_facing($o, $support) && !defined $o->{keys}{map};
    }
    $decl->{support} = $support;
}

sub load_declaration {
    my ($path) = @_;
    my %decl = (objects => [], states => {}, notes => {});
    my @blocks = read_blocks($path);
    for my $b (grep { $_->{kind} eq 'setting' } @blocks) {
        die "line $b->{line}: unknown setting '$b->{key}'\n"
            unless $b->{key} =~ /^(extension|version|previous|scores)$/;
        $decl{ $b->{key} } = $b->{value};
    }
    for my $setting (qw(extension version previous scores)) {
        die "sql/api.decl: no '$setting:' setting\n" unless defined $decl{$setting};
    }
    # "sql-name c-suffix [since X]"
    $decl{scores} = [map { /^(.+?)\s+(\w+)(?:\s+since\s+(\S+))?$/ or die "scores: $_\n";
                           +{ sql => $1, c => $2, since => $3 } }
                     map { s/^\s+|\s+$//gr } split /\|/, $decl{scores}];
    for my $b (grep { $_->{kind} eq 'type' } @blocks) {
        $own_type{ substitute($b->{header}, $_, $decl{scores}) } = 1
            for bindings(loops_of($b, $decl{scores}));
    }
    for my $b (grep { $_->{kind} ne 'setting' } @blocks) {
        my @loops = loops_of($b, $decl{scores});
        for my $bind (bindings(@loops)) {
            my $o = build_object(instantiate($b, $bind, $decl{scores}, \@loops));
            if ($o->{kind} eq 'state') { $decl{states}{ $o->{name} } = $o }
            elsif ($o->{kind} eq 'release') { $decl{notes}{ $o->{header} } = [map { $_->[1] } @{ $o->{multi} }] }
            elsif ($o->{kind} eq 'map') { $decl{map} = [map { [($_->[0] =~ /^row (\S+)$/)[0], split /\s*\|\s*/, $_->[1]] } @{ $o->{multi} }] }
            else { push @{ $decl{objects} }, $o }
        }
    }
    check_objects(\%decl);
    return \%decl;
}

# ---------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------

# A window function (CREATE FUNCTION ... WINDOW, prokind 'w'): called with
# OVER (...) only, it reads its partition through the window API.
sub is_window { my ($f) = @_; return ($f->{keys}{window} // 'no') eq 'yes' }

sub function_sql {
    my ($f) = @_;
    my $k = $f->{keys};
    my $returns = $f->{returns} =~ /^TABLE\((.*)\)$/
        ? 'TABLE(' . join(', ', map { my $a = parse_arg($_); "$a->{name} " . qualified_type($a->{type}) } split_top_level($1)) . ')'
        : qualified_type($f->{returns});
    my @labels = (uc($k->{volatility} // 'immutable'));
    unshift @labels, 'WINDOW' if is_window($f);
    push @labels, 'STRICT' unless ($k->{strict} // 'yes') eq 'no';
    push @labels, 'PARALLEL ' . uc($k->{parallel} // 'safe');
    push @labels, "ROWS $k->{rows}" if $k->{rows};
    return "CREATE FUNCTION \@extschema\@.$f->{name}(" . sql_args($f->{args}) . ")\n"
         . "RETURNS $returns\n"
         . "AS 'MODULE_PATHNAME', '$k->{c}'\n"
         . "LANGUAGE C " . join(' ', @labels) . ";\n"
         . "COMMENT ON FUNCTION \@extschema\@.$f->{name}(" . sql_types($f->{args}) . ") IS "
         . quote($k->{comment}) . ";\n";
}

sub type_sql {
    my ($t, $functions) = @_;
    my $k = $t->{keys};
    my @io = map { $functions->{ $k->{$_} } // die "type $t->{name}: no function $k->{$_}\n" }
             qw(input output receive send);
    return "CREATE TYPE \@extschema\@.$t->{name};\n\n"
         . join("\n", map { function_sql($_) } @io) . "\n"
         . "CREATE TYPE \@extschema\@.$t->{name} (\n"
         . "    INPUT = \@extschema\@.$k->{input},\n"
         . "    OUTPUT = \@extschema\@.$k->{output},\n"
         . "    RECEIVE = \@extschema\@.$k->{receive},\n"
         . "    SEND = \@extschema\@.$k->{send},\n"
         . "    INTERNALLENGTH = VARIABLE,\n"
         . "    ALIGNMENT = double,\n"
         . "    STORAGE = plain\n"
         . ");\n"
         . "COMMENT ON TYPE \@extschema\@.$t->{name} IS " . quote($k->{comment}) . ";\n";
}

sub aggregate_sql {
    my ($a, $states) = @_;
    my $k = $a->{keys};
    my $s = $states->{ $k->{state} } // die "aggregate $a->{signature}: no state $k->{state}\n";
    my $sk = $s->{keys};
    my @p = ("SFUNC = \@extschema\@.$k->{sfunc}", "STYPE = " . qualified_type($sk->{stype}),
             "SSPACE = $sk->{sspace}", "FINALFUNC = \@extschema\@.$k->{final}",
             "FINALFUNC_MODIFY = READ_ONLY", "COMBINEFUNC = \@extschema\@.$sk->{combine}");
    push @p, "SERIALFUNC = \@extschema\@.$sk->{serial}", "DESERIALFUNC = \@extschema\@.$sk->{deserial}"
        if defined $sk->{serial};
    push @p, 'INITCOND = ' . quote($sk->{initcond}) if defined $sk->{initcond};
    if ($k->{inverse}) {
        push @p, "MSFUNC = \@extschema\@.$k->{sfunc}", "MINVFUNC = \@extschema\@.$k->{inverse}",
                 "MSTYPE = " . qualified_type($sk->{stype}), "MSSPACE = $sk->{sspace}",
                 "MFINALFUNC = \@extschema\@.$k->{final}", "MFINALFUNC_MODIFY = READ_ONLY";
        push @p, 'MINITCOND = ' . quote($sk->{initcond}) if defined $sk->{initcond};
    }
    push @p, 'PARALLEL = ' . uc($k->{parallel} // 'safe');
    my $types = sql_types($a->{args});
    return "CREATE AGGREGATE \@extschema\@.$a->{name}($types) (\n    " . join(",\n    ", @p) . "\n);\n"
         . "COMMENT ON AGGREGATE \@extschema\@.$a->{name}($types) IS " . quote($k->{comment}) . ";\n";
}

sub operator_sql {
    my ($o) = @_;
    my $k = $o->{keys};
    my @p = ('LEFTARG = ' . qualified_type($o->{args}[0]{type}),
             'RIGHTARG = ' . qualified_type($o->{args}[1]{type}),
             "FUNCTION = \@extschema\@.$k->{function}");
    push @p, "COMMUTATOR = OPERATOR(\@extschema\@.$k->{commutator})" if $k->{commutator};
    push @p, "NEGATOR = OPERATOR(\@extschema\@.$k->{negator})" if $k->{negator};
    push @p, "RESTRICT = pg_catalog.$k->{restrict}" if $k->{restrict};
    push @p, "JOIN = pg_catalog.$k->{join}" if $k->{join};
    push @p, 'HASHES' if ($k->{hashes} // 'no') eq 'yes';
    push @p, 'MERGES' if ($k->{merges} // 'no') eq 'yes';
    my $types = sql_types($o->{args});
    return "CREATE OPERATOR \@extschema\@.$o->{name} (\n    " . join(",\n    ", @p) . "\n);\n"
         . "COMMENT ON OPERATOR \@extschema\@.$o->{name}($types) IS " . quote($k->{comment}) . ";\n";
}

# Members: [kind, number, text, since]; "function 2: f(args) since 1.2".
sub opclass_members {
    my ($o) = @_;
    return map {
        my ($key, $value) = @$_;
        my $since = $value =~ s/\s+since\s+(\S+)$// ? $1 : $o->{since};
        $key =~ /^(operator|function) (\d+)$/;
        [$1, $2, $value, $since]
    } @{ $o->{multi} };
}

sub member_sql {
    my ($o, $m) = @_;
    my ($kind, $n, $text) = @$m;
    if ($kind eq 'operator') {
        my $t = qualified_type($o->{type});
        return "OPERATOR $n \@extschema\@.$text ($t, $t)";
    }
    my ($name, $args) = parse_signature($text);
    return "FUNCTION $n \@extschema\@.$name(" . sql_types($args) . ")";
}

# The opclass with the members of its own release; later members are added
# to its family, as the update script that brought them did.
sub opclass_sql {
    my ($o, $from, $to) = @_;
    my @members = opclass_members($o);
    my $sql = '';
    if (version_le($from, $o->{since})) {
        my @own = grep { $_->[3] eq $o->{since} } @members;
        $sql .= "CREATE OPERATOR CLASS \@extschema\@.$o->{name}\n"
              . (($o->{keys}{default} // 'no') eq 'yes' ? 'DEFAULT ' : '')
              . "FOR TYPE " . qualified_type($o->{type}) . " USING $o->{method} AS\n    "
              . join(",\n    ", map { member_sql($o, $_) } @own) . ";\n"
              . "COMMENT ON OPERATOR CLASS \@extschema\@.$o->{name} USING $o->{method} IS "
              . quote($o->{keys}{comment}) . ";\n";
    }
    for my $m (grep { $_->[3] ne $o->{since} && version_le($from, $_->[3]) && version_le($_->[3], $to) } @members) {
        $sql .= "ALTER OPERATOR FAMILY \@extschema\@.$o->{name} USING $o->{method}\n"
              . "    ADD " . member_sql($o, $m) . ";\n";
    }
    return $sql;
}

sub banner {
    my ($title) = @_;
    return "-- " . ('-' x 75) . "\n-- $title\n-- " . ('-' x 75) . "\n";
}

# COMMENT ON for an object created by an earlier release.
sub comment_sql {
    my ($o) = @_;
    my $what = $o->{kind} eq 'type' ? "TYPE \@extschema\@.$o->{name}"
             : uc($o->{kind}) . " \@extschema\@.$o->{name}(" . sql_types($o->{args}) . ")";
    return "COMMENT ON $what IS " . quote($o->{keys}{comment}) . ";\n";
}

# The objects added in releases $from..$to (a full script: from 1.0), and
# the new comments of older objects whose comment_since is in that range.
sub script_body {
    my ($decl, $from, $to) = @_;
    my %functions = map { ($_->{name} => $_) } grep { $_->{kind} eq 'function' } @{ $decl->{objects} };
    $_->{emitted} = 0 for @{ $decl->{objects} };
    # A type's I/O functions go out with the type, wherever they are declared.
    for my $t (grep { $_->{kind} eq 'type' } @{ $decl->{objects} }) {
        $functions{ $t->{keys}{$_} }{emitted} = 1 for grep { $functions{ $t->{keys}{$_} } } qw(input output receive send);
    }
    my ($sql, $pending_banner) = ('', undef);
    for my $o (@{ $decl->{objects} }) {
        if ($o->{kind} eq 'section') { $pending_banner = $o->{header}; next }
        next if $o->{emitted};
        my $part;
        my $recommented = $o->{keys}{comment_since};
        if ($o->{kind} eq 'opclass') {
            $part = opclass_sql($o, $from, $to);
        } elsif (version_le($from, $o->{since}) && version_le($o->{since}, $to)) {
            $part = $o->{kind} eq 'type' ? type_sql($o, \%functions)
                  : $o->{kind} eq 'function' ? function_sql($o)
                  : $o->{kind} eq 'aggregate' ? aggregate_sql($o, $decl->{states})
                  : operator_sql($o);
        } elsif (defined $recommented && version_le($from, $recommented) && version_le($recommented, $to)) {
            # an older object whose comment this release rewrote
            $part = comment_sql($o);
        }
        $o->{emitted} = 1;
        next unless $part;
        $sql .= "\n\n" . banner($pending_banner) if defined $pending_banner;
        undef $pending_banner;
        $sql .= "\n$part";
    }
    return $sql;
}

my $GENERATED = "-- Generated by scripts/generate_sql.pl from sql/api.decl: edit that, not this.\n";
my $SAFE = "-- Written for a hostile search_path: every object of this extension is\n"
         . "-- qualified with \@extschema\@ and every built-in with pg_catalog.\n";

sub full_script {
    my ($decl) = @_;
    my ($ext, $v) = @$decl{qw(extension version)};
    return "-- $ext $v: customer-experience metrics as exact, parallel aggregates.\n"
         . "--\n$GENERATED--\n$SAFE\n"
         . "\\echo Use \"CREATE EXTENSION $ext\" to load this file. \\quit\n"
         . script_body($decl, '1.0', $v);
}

sub update_script {
    my ($decl) = @_;
    my ($ext, $prev, $v) = @$decl{qw(extension previous version)};
    my @notes = @{ $decl->{notes}{$v} // die "no release $v block with notes\n" };
    my ($major, $minor) = split /\./, $prev;
    my $first_new = "$major." . ($minor + 1);
    return "-- $ext $prev -> $v.\n--\n-- " . join("\n-- ", @notes) . "\n"
         . "--\n$GENERATED--\n$SAFE\n"
         . "\\echo Use \"ALTER EXTENSION $ext UPDATE TO '$v'\" to load this file. \\quit\n"
         . script_body($decl, $first_new, $v);
}

# ---------------------------------------------------------------------------
# The catalog contract and the reference list
# ---------------------------------------------------------------------------

# What test/catalog.sql compares the installed catalog with: functions and
# aggregates by identity signature (as pg_get_function_identity_arguments
# prints it: argument names, no defaults), types, operators and the
# operator classes' support functions.
sub contract_rows {
    my ($decl) = @_;
    my (@functions, @types, @operators, @members);
    for my $o (@{ $decl->{objects} }) {
        my $k = $o->{keys};
        if ($o->{kind} =~ /^(function|aggregate)$/) {
            my $fn = $o->{kind} eq 'function';
            my $sig = "$o->{name}(" . join(', ', map { join ' ', grep { defined } $_->{name}, $_->{type} }
                                            @{ $o->{args} }) . ')';
            push @functions, sprintf "    (%s, '%s', '%s', %s, '%s', %s, %s)", quote($sig),
                $fn ? (is_window($o) ? 'w' : 'f') : 'a', $fn ? substr($k->{volatility} // 'immutable', 0, 1) : 'i',
                $fn && ($k->{strict} // 'yes') eq 'yes' ? 'true' : 'false',
                substr($k->{parallel} // 'safe', 0, 1), $fn ? quote($k->{c}) : 'NULL', quote($k->{comment});
        } elsif ($o->{kind} eq 'type') {
            push @types, sprintf "    (%s, %s)", quote($o->{name}), quote($k->{comment});
        } elsif ($o->{kind} eq 'operator') {
            push @operators, sprintf "    (%s, %s)", quote($o->{signature} =~ s/, /,/gr), quote($k->{comment});
        } elsif ($o->{kind} eq 'opclass') {
            push @members, map { sprintf "    (%s)", quote("$o->{name}: $_->[0] $_->[1]") } opclass_members($o);
        }
    }
    return join '', map { "INSERT INTO $_->[0] VALUES\n" . join(",\n", @{ $_->[1] }) . ";\n" }
        ['expected_function', \@functions], ['expected_type', \@types],
        ['expected_operator', \@operators], ['expected_opclass_member', \@members];
}

sub reference_list {
    my ($decl) = @_;
    my (%seen, @lines);
    for my $o (grep { $_->{kind} =~ /^(function|aggregate)$/ && is_user_facing($_, $decl->{support}) }
               @{ $decl->{objects} }) {
        my $sig = "$o->{name}(" . join(', ', map {
            join ' ', grep { defined } $_->{name}, $_->{type},
                (defined $_->{default} ? "DEFAULT $_->{default}" : undef) } @{ $o->{args} }) . ')';
        next if $seen{$sig}++;
        my $returns = $o->{kind} eq 'aggregate' ? 'aggregate'
                    : is_window($o) ? "window function → $o->{returns}" : "→ $o->{returns}";
        push @lines, "| `$sig` | $returns | $o->{since} |";
    }
    return "| signature | kind / result | since |\n|---|---|---|\n" . join("\n", @lines) . "\n";
}

# README's map of the functions: one row per "row" of the map block, listing
# the "map:" texts of the objects in it (each once, in declaration order).
sub readme_map {
    my ($decl) = @_;
    my (%texts, %seen);
    for my $o (grep { defined $_->{keys}{map} } @{ $decl->{objects} }) {
        my ($row, $text) = $o->{keys}{map} =~ /^(\S+)\s+(.+)$/
            or die "line $o->{line}: map: ROW TEXT\n";
        die "line $o->{line}: no map row $row\n" unless grep { $_->[0] eq $row } @{ $decl->{map} };
        push @{ $texts{$row} }, $text unless $seen{"$row $text"}++;
    }
    return "| what | functions | reference |\n|---|---|---|\n"
        . join('', map { "| $_->[1] | " . join(', ', @{ $texts{ $_->[0] } // [] }) . " | $_->[2] |\n" }
                   @{ $decl->{map} });
}

# Replaces the text between "BEGIN generated" and "END generated" markers.
sub splice_generated {
    my ($text, $what, $content, $path) = @_;
    $text =~ s/(^\Q$what\E BEGIN generated[^\n]*\n).*?(^\Q$what\E END generated)/$1$content$2/ms
        or die "$path: no '$what BEGIN generated' ... '$what END generated' markers\n";
    return $text;
}

# ---------------------------------------------------------------------------

sub slurp { my ($p) = @_; open my $fh, '<', $p or return undef; local $/; <$fh> }

my $decl = load_declaration("$top/sql/api.decl");
my $ext = $decl->{extension};
my ($control_version) = (slurp("$top/$ext.control") // '') =~ /^default_version = '([^']*)'/m;
die "sql/api.decl declares version $decl->{version}, $ext.control default_version "
    . ($control_version // 'none') . "\n" unless ($control_version // '') eq $decl->{version};
my %files = (
    "sql/install/$ext--$decl->{version}.sql" => full_script($decl),
    "sql/install/$ext--$decl->{previous}--$decl->{version}.sql" => update_script($decl),
);
for my $spec (['test/catalog.sql', '--', contract_rows($decl)],
              ['docs/reference.md', '<!--', reference_list($decl)],
              ['README.md', '<!--', readme_map($decl)]) {
    my ($path, $marker, $content) = @$spec;
    my $text = slurp("$top/$path") // die "$path: $!\n";
    $files{$path} = splice_generated($text, $marker, $content, $path);
}

my @stale;
for my $path (sort keys %files) {
    my $old = slurp("$top/$path");
    my $current = defined $old && $old eq $files{$path};
    push @stale, $path unless $current;
    if ($check) {
        print $current ? "ok - $path is what sql/api.decl generates\n"
                       : "not ok - $path is not what sql/api.decl generates: run scripts/generate_sql.pl\n";
    } elsif (!$current) {
        open my $fh, '>', "$top/$path" or die "$path: $!\n";
        print $fh $files{$path};
        close $fh or die "$path: $!\n";
        print "wrote $path\n";
    }
}
exit($check && @stale ? 1 : 0);
