// A splitter output nobody reads: fails the sfq circuit verifier
// (tests/lit/Driver/sfq-errors.test).
sfq.circuit @c {
  %a = sfq.input "a"
  %l, %r = sfq.splitter %a
  sfq.output "q" %l
}
