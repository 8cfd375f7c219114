#!/usr/bin/perl
# scripts/check_doc_output.pl: the output shown in README.md and docs/*.md
# is output the tests check, never a hand copy that could drift.
#
# A fenced block's info string says what it shows:
#   ```sql       an example, run by the readme test (scripts/readme_sql.sh)
#   ```output    its output: must stand, line for line, in expected/readme.out
#   ```demo      an excerpt of the demo report: its lines must appear in
#                expected/demo.out in the same order
#   ```messages  error messages: each line, without its "ERROR:  ",
#                "DETAIL:  " or "HINT:  " label, must appear in some
#                expected/*.out
#   ```          anything else (commands, layouts): not checked
# Trailing white space is ignored, as it is invisible in the docs.
# Prints "ok - ..." / "not ok - ..." per block; exits 1 on any failure.
use strict;
use warnings;
use File::Basename qw(dirname);

my $top = dirname(dirname(__FILE__));
my ($passed, $failed) = (0, 0);

sub lines_of {
	my ($path) = @_;
	open my $fh, '<:encoding(UTF-8)', $path or die "cannot read $path: $!\n";
	my @lines = map { s/\s+\z//r } <$fh>;
	return \@lines;
}

# Does @$needle stand as a contiguous run in @$haystack?
sub contiguous_in {
	my ($needle, $haystack) = @_;
	return 1 unless @$needle;
	for my $start (0 .. @$haystack - @$needle) {
		my $i = 0;
		$i++ while $i < @$needle && $haystack->[$start + $i] eq $needle->[$i];
		return 1 if $i == @$needle;
	}
	return 0;
}

# Do the lines of @$needle appear in @$haystack in the same order?
sub in_order_in {
	my ($needle, $haystack) = @_;
	my $i = 0;
	for my $line (@$haystack) {
		$i++ if $i < @$needle && $line eq $needle->[$i];
	}
	return $i == @$needle;
}

# Fenced blocks of a Markdown file: [info string, first line number, lines].
sub fenced_blocks {
	my ($path) = @_;
	my (@blocks, $open);
	my $n = 0;
	for my $line (@{ lines_of($path) }) {
		$n++;
		if ($line =~ /\A```(\S*)\z/) {
			if ($open) { push @blocks, $open; undef $open; }
			else { $open = [$1, $n, []]; }
		} elsif ($open) {
			push @{ $open->[2] }, $line;
		}
	}
	return @blocks;
}

my $readme_out = lines_of("$top/expected/readme.out");
my $demo_out = lines_of("$top/expected/demo.out");
my @all_out = map { @{ lines_of($_) } } glob("$top/expected/*.out");
my %any_line = map { $_ => 1 } @all_out;

sub message_found {
	my ($line) = @_;
	(my $text = $line) =~ s/\A(?:ERROR|DETAIL|HINT):\s+//;
	return 1 if $any_line{$line};
	return scalar grep { index($_, $text) >= 0 } @all_out;
}

my @docs = ("$top/README.md", sort glob("$top/docs/*.md"));
for my $doc (@docs) {
	(my $name = $doc) =~ s{\A\Q$top\E/}{};
	for my $block (fenced_blocks($doc)) {
		my ($kind, $line, $lines) = @$block;
		my $where = "$name:$line";
		if ($kind eq 'output') {
			contiguous_in($lines, $readme_out)
				? do { print "ok - $where: output shown is the checked output (expected/readme.out)\n"; $passed++ }
				: do { print "not ok - $where: output shown is not in expected/readme.out\n"; $failed++ };
		} elsif ($kind eq 'demo') {
			in_order_in($lines, $demo_out)
				? do { print "ok - $where: demo excerpt is the checked demo output (expected/demo.out)\n"; $passed++ }
				: do { print "not ok - $where: demo excerpt is not in expected/demo.out\n"; $failed++ };
		} elsif ($kind eq 'messages') {
			my @missing = grep { !message_found($_) } grep { length } @$lines;
			!@missing
				? do { print "ok - $where: every message shown is raised in a checked output\n"; $passed++ }
				: do { print "not ok - $where: messages no test raises: @missing\n"; $failed++ };
		}
	}
}
print "# docs output: $passed passed, $failed failed\n";
exit($failed ? 1 : 0);
