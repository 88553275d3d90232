#!/usr/bin/perl
# Each message the workflow refuses with (err_set, err_field in
# src/flow/workflow*.c), as a screen shows it, has an English pattern in
# ui/msgtext.c and a translation in po/en.po (issue 12, item 19).  Skipped:
# values put into messages and what only the CLI says.  Prints what is
# missing and a last line "messages: N, missing: N"; exits 1 when any is.
#   perl tools/msgcheck.pl [ROOT]
use strict; use warnings;
chdir($ARGV[0]) or die "$ARGV[0]: $!\n" if @ARGV;
my %skip = map { $_ => 1 } ("%s", "(không có)", "chưa có", "hết bộ nhớ", "'%s' dùng lệnh: sangtao proposal %s",
    "Thao tác không tồn tại: %s; các thao tác: %s", "'%s' không có trường %s; các trường: %s");
sub slurp { local $/; open my $f, '<:raw', $_[0] or die "$_[0]: $!"; my $s = <$f>; $s }
sub lits { my $s = shift; $s =~ s/"\s*\n\s*"//g; $s }
my $m = lits(slurp("ui/msgtext.c"));
my %pat; $pat{$1} = 1 while $m =~ /N_\("((?:[^"\\]|\\.)*)"\)/g;
my $po = slurp("po/en.po");
my (%tr, $n, $bad);
$tr{$1} = $2 while $po =~ /^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"/mg;
for my $file (glob "src/flow/workflow*.c") {
    my $s = lits(slurp($file));
    while ($s =~ /err_(?:set|field)\((.*?)\);/sg) {
        my $call = $1;
        while ($call =~ /"((?:[^"\\]|\\.)*)"/g) {
            my $msg = $1;
            next unless $msg =~ / /;                       # a field's code, not a message
            $msg =~ s/%(?:l*d|\.\*s|\.\d+s|02X)/%s/g;
            $msg =~ s/^%s \(%s\)/%s/;                      # "label (code)": the label
            $msg =~ s/ \([a-z_]+\)//g;                     # " (code)": ui_readable drops it
            next if $skip{$msg};
            $n++;
            if (!$pat{$msg}) { print "missing in ui/msgtext.c: $msg\n"; $bad++; }
            elsif (!$tr{$msg}) { print "missing in po/en.po: $msg\n"; $bad++; }
        }
    }
}
print "messages: ", $n // 0, ", missing: ", $bad // 0, "\n";
exit($bad || !$n ? 1 : 0);
