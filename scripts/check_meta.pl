#!/usr/bin/perl
# scripts/check_meta.pl: META.json against the PGXN Meta Spec 1.0.0, and the
# one version number of a release against every file that states it:
# nps_ext.control (default_version), META.json (its three-part form, for
# the distribution and the extension), CHANGELOG.md (top entry) and
# debian/changelog (top entry, upstream part).  The library's
# PG_MODULE_MAGIC_EXT version is compiled from the control file by the
# Makefile, so it cannot differ.
#
# Before that, the validator proves it can fail: each of a list of broken
# variants of META.json must be rejected.  Prints "ok - ..." / "not ok - ..."
# per check (scripts/test.sh counts them); exits 1 on any failure.
#
# The rules are the specification's, as its JSON Schemas (v1) state them:
# the required and optional keys, Term, SemVer, version-range, path, URI and
# e-mail forms, the license names, the prereq phases and relationships,
# and "x_" custom keys.  Perl core modules only (JSON::PP), so that it runs
# wherever the test suite does.
use strict;
use warnings;
use B ();
use File::Basename qw(dirname);
use JSON::PP ();

my $top = dirname(dirname(__FILE__));
my ($passed, $failed) = (0, 0);

sub check {
	my ($ok, $what, @why) = @_;
	if ($ok) { print "ok - $what\n"; $passed++; }
	else {
		print "not ok - $what\n";
		print "#   $_\n" for @why;
		$failed++;
	}
}

# --- Value forms ---------------------------------------------------------

my $SEMVER = qr/(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)
	(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?
	(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?/x;
my $RANGE_ITEM = qr/(?:(?:[=!]=|[<>]=?)\s*)?$SEMVER/;

my %LICENSES = map { $_ => 1 } qw(
	agpl_3 apache_1_1 apache_2_0 artistic_1 artistic_2 bsd freebsd gfdl_1_2
	gfdl_1_3 gpl_1 gpl_2 gpl_3 lgpl_2_1 lgpl_3_0 mit mozilla_1_0 mozilla_1_1
	openssl perl_5 postgresql qpl_1_0 ssleay sun zlib open_source restricted
	unrestricted unknown);

sub is_string {
	my ($v) = @_;
	return 0 if !defined $v || ref $v;
	return (B::svref_2object(\$v)->FLAGS & B::SVp_POK) ? 1 : 0;
}
sub is_zero_number {
	my ($v) = @_;
	return 0 if !defined $v || ref $v || is_string($v);
	return $v == 0;
}
sub is_object { ref $_[0] eq 'HASH' }
sub is_array  { ref $_[0] eq 'ARRAY' }
sub nonempty_string { is_string($_[0]) && length($_[0]) >= 1 }
sub is_custom_key { $_[0] =~ /\A[xX]_./s }

sub is_term { is_string($_[0]) && $_[0] =~ /\A[^\/\\\p{Space}\p{Cntrl}]{2,}\z/ }
sub is_tag  { is_string($_[0]) && length($_[0]) <= 255 && $_[0] =~ /\A[^\/\\\p{Cntrl}]{2,}\z/ }
sub is_semver { is_string($_[0]) && $_[0] =~ /\A$SEMVER\z/ }
sub is_range {
	my ($v) = @_;
	return 1 if is_zero_number($v);
	return 0 unless is_string($v);
	return $v =~ /\A(?:(?:(?:[=!]=|[<>]=?)\s*)?0|$RANGE_ITEM)(?:,\s*$RANGE_ITEM)*\z/;
}
sub is_path {
	my ($v) = @_;
	return 0 unless is_string($v) && length($v) >= 2;
	(my $p = $v) =~ s{\A\./}{};
	return !grep { $_ eq '..' || $_ eq '.' } split m{/}, $p;
}
sub is_uri { is_string($_[0]) && $_[0] =~ /\A[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\z/ }
sub is_email {
	my ($v) = @_;
	return 0 unless is_string($v) && length($v) <= 254;
	my ($local, $domain) = $v =~ /\A(.+)@([^@]+)\z/ or return 0;
	return 0 if length($local) > 64 || length($domain) > 253;
	return 0 unless $local =~ /\A[A-Za-z0-9!#\$%&'*+\/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#\$%&'*+\/=?^_`{|}~-]+)*\z/;
	return $domain =~ /\A(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z/;
}
sub unique_list {
	my ($v, $item_ok) = @_;
	return 0 unless is_array($v) && @$v >= 1;
	my %seen;
	for (@$v) { return 0 if !$item_ok->($_) || $seen{$_}++; }
	return 1;
}

# keys_ok(ERRORS, WHERE, OBJECT, ALLOWED...): no key outside ALLOWED but x_ ones.
sub keys_ok {
	my ($errors, $where, $obj, @allowed) = @_;
	my %allowed = map { $_ => 1 } @allowed;
	for my $k (sort keys %$obj) {
		push @$errors, "$where: unknown key \"$k\"" unless $allowed{$k} || is_custom_key($k);
	}
}

# --- The specification ---------------------------------------------------

sub validate_license {
	my ($errors, $v) = @_;
	return if is_string($v) && $LICENSES{$v};
	return if unique_list($v, sub { is_string($_[0]) && $LICENSES{$_[0]} });
	return if is_object($v) && %$v && !grep { !is_uri($_) } values %$v;
	push @$errors, 'license: not a known license name, a list of them, or an object of URIs';
}

sub validate_provides {
	my ($errors, $v) = @_;
	return push @$errors, 'provides: not an object with at least one extension' unless is_object($v) && %$v;
	for my $ext (sort keys %$v) {
		my $e = $v->{$ext};
		push @$errors, "provides: \"$ext\" is not a term" unless is_term($ext);
		unless (is_object($e)) { push @$errors, "provides.$ext: not an object"; next; }
		keys_ok($errors, "provides.$ext", $e, qw(file version abstract docfile docpath));
		push @$errors, "provides.$ext.file: missing or not a path" unless is_path($e->{file});
		push @$errors, "provides.$ext.version: missing or not a semantic version" unless is_semver($e->{version});
		for my $k (qw(abstract docpath)) {
			push @$errors, "provides.$ext.$k: not a non-empty string" if exists $e->{$k} && !nonempty_string($e->{$k});
		}
		push @$errors, "provides.$ext.docfile: not a path" if exists $e->{docfile} && !is_path($e->{docfile});
	}
}

sub validate_prereqs {
	my ($errors, $v) = @_;
	my %phases = map { $_ => 1 } qw(configure build test runtime develop);
	my %relations = map { $_ => 1 } qw(requires recommends suggests conflicts);
	return push @$errors, 'prereqs: not an object with a phase' unless is_object($v) && grep { $phases{$_} } keys %$v;
	keys_ok($errors, 'prereqs', $v, keys %phases);
	for my $phase (grep { $phases{$_} } sort keys %$v) {
		my $p = $v->{$phase};
		unless (is_object($p) && grep { $relations{$_} } keys %$p) {
			push @$errors, "prereqs.$phase: not an object with a relationship";
			next;
		}
		keys_ok($errors, "prereqs.$phase", $p, keys %relations);
		for my $rel (grep { $relations{$_} } sort keys %$p) {
			my $r = $p->{$rel};
			unless (is_object($r) && %$r) {
				push @$errors, "prereqs.$phase.$rel: not an object with a prerequisite";
				next;
			}
			for my $name (sort keys %$r) {
				push @$errors, "prereqs.$phase.$rel: \"$name\" is not a term" unless is_term($name);
				push @$errors, "prereqs.$phase.$rel.$name: not a version range" unless is_range($r->{$name});
			}
		}
	}
}

sub validate_resources {
	my ($errors, $v) = @_;
	return push @$errors, 'resources: not an object with homepage, bugtracker or repository'
		unless is_object($v) && grep { exists $v->{$_} } qw(homepage bugtracker repository);
	keys_ok($errors, 'resources', $v, qw(homepage bugtracker repository));
	push @$errors, 'resources.homepage: not a URI' if exists $v->{homepage} && !is_uri($v->{homepage});
	if (exists $v->{bugtracker}) {
		my $b = $v->{bugtracker};
		if (!is_object($b) || !(exists $b->{web} || exists $b->{mailto})) {
			push @$errors, 'resources.bugtracker: needs web or mailto';
		} else {
			keys_ok($errors, 'resources.bugtracker', $b, qw(web mailto));
			push @$errors, 'resources.bugtracker.web: not a URI' if exists $b->{web} && !is_uri($b->{web});
			push @$errors, 'resources.bugtracker.mailto: not an e-mail address' if exists $b->{mailto} && !is_email($b->{mailto});
		}
	}
	if (exists $v->{repository}) {
		my $r = $v->{repository};
		if (!is_object($r) || !((exists $r->{url} && exists $r->{type}) || exists $r->{web})) {
			push @$errors, 'resources.repository: needs url and type, or web';
		} else {
			keys_ok($errors, 'resources.repository', $r, qw(url web type));
			for my $k (qw(url web)) {
				push @$errors, "resources.repository.$k: not a URI" if exists $r->{$k} && !is_uri($r->{$k});
			}
			push @$errors, 'resources.repository.type: not lower-case letters'
				if exists $r->{type} && !(is_string($r->{type}) && $r->{type} =~ /\A\p{Lower}+\z/);
		}
	}
}

sub validate_no_index {
	my ($errors, $v) = @_;
	return push @$errors, 'no_index: needs file or directory'
		unless is_object($v) && (exists $v->{file} || exists $v->{directory});
	keys_ok($errors, 'no_index', $v, qw(file directory));
	for my $k (grep { exists $v->{$_} } qw(file directory)) {
		push @$errors, "no_index.$k: not a path or a list of unique paths"
			unless is_path($v->{$k}) || unique_list($v->{$k}, \&is_path);
	}
}

# validate(META): the list of everything wrong with it (empty: valid).
sub validate {
	my ($m) = @_;
	my @errors;
	return ('the document is not a JSON object') unless is_object($m);
	keys_ok(\@errors, 'META.json', $m, qw(name version abstract maintainer license provides meta-spec
		description generated_by tags no_index prereqs release_status resources));
	for my $k (qw(name version abstract maintainer license provides meta-spec)) {
		push @errors, "$k: required" unless exists $m->{$k};
	}
	push @errors, 'name: not a term' if exists $m->{name} && !is_term($m->{name});
	push @errors, 'version: not a semantic version' if exists $m->{version} && !is_semver($m->{version});
	for my $k (qw(abstract description generated_by)) {
		push @errors, "$k: not a non-empty string" if exists $m->{$k} && !nonempty_string($m->{$k});
	}
	push @errors, 'maintainer: not a string or a list of unique strings'
		if exists $m->{maintainer} && !nonempty_string($m->{maintainer}) && !unique_list($m->{maintainer}, \&nonempty_string);
	validate_license(\@errors, $m->{license}) if exists $m->{license};
	validate_provides(\@errors, $m->{provides}) if exists $m->{provides};
	if (exists $m->{'meta-spec'}) {
		my $s = $m->{'meta-spec'};
		if (!is_object($s) || !(is_string($s->{version}) && $s->{version} =~ /\A1\.0\.[0-9]+\z/)) {
			push @errors, 'meta-spec.version: not 1.0.x';
		} else {
			keys_ok(\@errors, 'meta-spec', $s, qw(version url));
			push @errors, 'meta-spec.url: not the specification\'s address'
				if exists $s->{url} && !(is_string($s->{url}) && $s->{url} =~ m{\Ahttps?://pgxn\.org/meta/spec\.txt\z});
		}
	}
	push @errors, 'tags: not a list of unique tags (2 to 255 characters, no slash or control character)'
		if exists $m->{tags} && !unique_list($m->{tags}, \&is_tag);
	push @errors, 'release_status: not stable, testing or unstable'
		if exists $m->{release_status} && !(is_string($m->{release_status}) && $m->{release_status} =~ /\A(?:stable|testing|unstable)\z/);
	validate_prereqs(\@errors, $m->{prereqs}) if exists $m->{prereqs};
	validate_resources(\@errors, $m->{resources}) if exists $m->{resources};
	validate_no_index(\@errors, $m->{no_index}) if exists $m->{no_index};
	return @errors;
}

# --- The project's files -------------------------------------------------

sub slurp {
	my ($path) = @_;
	open my $fh, '<:raw', "$top/$path" or die "cannot read $path: $!\n";
	local $/;
	return scalar <$fh>;
}

my $json = JSON::PP->new->utf8;
my $text = slurp('META.json');
my $meta = eval { $json->decode($text) };
check(defined $meta, 'META.json is JSON', $@ || ());
exit 1 unless defined $meta;

# The validator first proves it rejects what the specification forbids.
my @broken = (
	['no name',                   sub { delete $_[0]{name} }],
	['a two-part version (1.1)',         sub { $_[0]{version} = '1.1' }],
	['a license name not in the list',   sub { $_[0]{license} = 'PostgreSQL' }],
	['a provides entry without file',    sub { delete((values %{ $_[0]{provides} })[0]->{file}) }],
	['a prerequisite range "14"',        sub { $_[0]{prereqs}{runtime}{requires}{PostgreSQL} = '14' }],
	['an unknown prereq phase',          sub { $_[0]{prereqs}{install} = { requires => { plpgsql => 0 } } }],
	['meta-spec version 2.0.0',          sub { $_[0]{'meta-spec'}{version} = '2.0.0' }],
	['an unknown top-level key',         sub { $_[0]{homepage} = 'https://example.org/' }],
	['a tag with a slash',               sub { push @{ $_[0]{tags} }, 'a/b' }],
	['a duplicate tag',                  sub { push @{ $_[0]{tags} }, $_[0]{tags}[0] }],
	['a repository without type',        sub { $_[0]{resources}{repository} = { url => 'git://example.org/x.git' } }],
	['a bug-tracker address without @',  sub { $_[0]{resources}{bugtracker} = { mailto => 'nobody' } }],
	['a path with ..',                   sub { (values %{ $_[0]{provides} })[0]->{docfile} = '../README.md' }],
	['a release status "final"',         sub { $_[0]{release_status} = 'final' }],
	['a provides entry that is a string', sub { $_[0]{provides}{other} = 'sql/other.sql' }],
	['a prereq phase without relationship', sub { $_[0]{prereqs}{build} = {} }],
	['an empty requires',                sub { $_[0]{prereqs}{runtime}{requires} = {} }],
);
for my $case (@broken) {
	my ($what, $break) = @$case;
	my $copy = $json->decode($text);
	$break->($copy);
	check(scalar(validate($copy)) > 0, "the validator rejects a META.json with $what");
}

my @errors = validate($meta);
check(!@errors, 'META.json is valid PGXN Meta Spec 1.0.0', @errors);

# One version number.
my ($control_version) = slurp('nps_ext.control') =~ /^default_version = '([^']+)'/m;
check(defined $control_version, 'nps_ext.control has a default_version');
exit 1 unless defined $control_version;
(my $semver = $control_version) =~ s/\A([0-9]+\.[0-9]+)\z/$1.0/;
check(($meta->{version} // '') eq $semver,
	"META.json version is the control file's $control_version ($semver)", "META.json says $meta->{version}");
my $ext = $meta->{provides}{nps_ext} // {};
check(($ext->{version} // '') eq $semver, "META.json provides nps_ext $semver");
check(defined $ext->{file} && -f "$top/$ext->{file}" && defined $ext->{docfile} && -f "$top/$ext->{docfile}",
	'the files META.json names exist');
my ($changelog_version) = slurp('CHANGELOG.md') =~ /^## ([0-9][^\s]*)/m;
check(($changelog_version // '') eq $control_version,
	"CHANGELOG.md's top entry is $control_version", 'it is ' . ($changelog_version // 'missing'));
my ($debian_version) = slurp('debian/changelog') =~ /\A\S+ \(([^)]+)\)/;
(my $debian_upstream = $debian_version // '') =~ s/-[^-]+\z//;
check($debian_upstream eq $control_version,
	"debian/changelog's top entry is $control_version-N", 'it is ' . ($debian_version // 'missing'));

print "# META.json and versions: $passed passed, $failed failed\n";
exit($failed ? 1 : 0);
