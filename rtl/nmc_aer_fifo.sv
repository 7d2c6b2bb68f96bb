// nmc_aer_fifo: a synchronous FIFO of AER events (docs/rtl.md).
//
// Valid/ready on both sides. A push while full is refused (in_ready is low),
// so nothing is ever overwritten: the sender holds its event (back-pressure).
// A pop and a push in the same cycle are both taken, full or not, when the
// FIFO is not empty. Output data is registered memory read combinationally
// at the head (first-word fall-through).
module nmc_aer_fifo #(
    parameter int WIDTH = 16,  // bits per event (the AER address)
    parameter int DEPTH = 4    // events held, at least 2
) (
    input  logic             clk,
    input  logic             rst_n,
    // Push side.
    input  logic             in_valid,
    output logic             in_ready,
    input  logic [WIDTH-1:0] in_data,
    // Pop side.
    output logic             out_valid,
    input  logic             out_ready,
    output logic [WIDTH-1:0] out_data,
    // Status.
    output logic             full,
    output logic             empty,
    output logic [$clog2(DEPTH+1)-1:0] count
);
  localparam int PW = $clog2(DEPTH);
  localparam int CW = $clog2(DEPTH + 1);

  logic [WIDTH-1:0] mem[DEPTH];
  logic [PW-1:0] head, tail;

  assign full      = count == CW'(DEPTH);
  assign empty     = count == '0;
  assign out_valid = !empty;
  assign out_data  = mem[head];
  // A full FIFO still takes a push in the cycle it is popped.
  assign in_ready  = !full || out_ready;

  wire push = in_valid && in_ready;
  wire pop = out_valid && out_ready;

  function automatic logic [PW-1:0] advance(input logic [PW-1:0] p);
    advance = p == PW'(DEPTH - 1) ? '0 : p + 1'b1;
  endfunction

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      head  <= '0;
      tail  <= '0;
      count <= '0;
    end else begin
      if (push) tail <= advance(tail);
      if (pop) head <= advance(head);
      if (push && !pop) count <= count + 1'b1;
      else if (pop && !push) count <= count - 1'b1;
    end
  end

  always_ff @(posedge clk) if (push) mem[tail] <= in_data;
endmodule
