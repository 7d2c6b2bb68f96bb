// A one-bit full adder of clocked SFQ gates, written by hand in the sfq
// circuit format (docs/targets/sfq.md), after PyLSE's full-adder example:
//   sum  = a xor b xor cin
//   cout = (a and b) or ((a xor b) and cin)
// It is a draft: wires fan out freely and every gate takes the clock
// directly. `nmc-opt --sfq-legalize` adds the splitters, the path-balancing
// DFFs and a balanced clock tree:
//   nmc-opt examples/sfq/full_adder.mlir --sfq-legalize
sfq.circuit @full_adder draft {
  %clk = sfq.clock "clk" period 50.0 ps
  %a = sfq.input "a"
  %b = sfq.input "b"
  %cin = sfq.input "cin"
  %x = sfq.xor "half_sum" %a, %b clk %clk
  %sum = sfq.xor "sum_gate" %x, %cin clk %clk
  %g = sfq.and "generate" %a, %b clk %clk
  %p = sfq.and "propagate" %x, %cin clk %clk
  %cout = sfq.or "carry_gate" %g, %p clk %clk
  sfq.output "sum" %sum
  sfq.output "cout" %cout
}
