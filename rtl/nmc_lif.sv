// nmc_lif: a time-multiplexed LIF/IF neuron update unit (docs/rtl.md).
//
// One arithmetic datapath shared by N neurons whose membranes and
// coefficients live in memories. Each update of neuron i with input x
// computes, in the signed fixed-point format s<INT_BITS>.<FRAC_BITS>,
// exactly as nmc::model::stepNeuron with FixedPoint.h's arithmetic:
//   v' = ((a_mem * v) + (c_in * x)) + c_0
// every product rounded to nearest (ties away from zero) and every product
// and sum saturated on its own; if spiking and v' > v_th: spike, and v' =
// v_reset (reset to value) or v' - v_th (subtract, saturated).
// One update per cycle; its result (neuron, spike, new v) is on out_* the
// next cycle. The membranes can be read and written through a backdoor.
module nmc_lif #(
    parameter int N         = 16,  // neurons, at least 2
    parameter int INT_BITS  = 16,  // integer bits (s16.15 is 32 bits)
    parameter int FRAC_BITS = 15,  // fraction bits
    localparam int W = 1 + INT_BITS + FRAC_BITS  // raw width
) (
    input  logic                  clk,
    input  logic                  rst_n,
    // Global configuration: spiking neurons (LIF/IF); 0 = LI/I (no spike).
    input  logic                  cfg_spiking,
    // Reset mode: 0 = to v_reset, 1 = by subtracting v_th.
    input  logic                  cfg_subtract,
    // Coefficient write port (raw fixed-point values).
    input  logic                  coef_we,
    input  logic [$clog2(N)-1:0]  coef_index,
    input  logic [W-1:0]          coef_a_mem,
    input  logic [W-1:0]          coef_c_in,
    input  logic [W-1:0]          coef_c_0,
    input  logic [W-1:0]          coef_v_th,
    input  logic [W-1:0]          coef_v_reset,
    // Membrane backdoor.
    input  logic                  st_we,
    input  logic [$clog2(N)-1:0]  st_index,
    input  logic [W-1:0]          st_wdata,
    output logic [W-1:0]          st_rdata,    // membrane of st_index
    // Update request.
    input  logic                  upd_valid,
    input  logic [$clog2(N)-1:0]  upd_index,
    input  logic [W-1:0]          upd_x,
    output logic                  upd_spike,   // the request's spike, now
    // Update result, one cycle later.
    output logic                  out_valid,
    output logic [$clog2(N)-1:0]  out_index,
    output logic                  out_spike,
    output logic [W-1:0]          out_v
);
  localparam int PW = 2 * W;  // a product and its magnitude fit (W <= 32)
  localparam logic signed [W:0] MAX_RAW = (W + 1)'((64'sd1 <<< (W - 1)) - 1);
  localparam logic signed [W:0] MIN_RAW = -(W + 1)'(64'sd1 <<< (W - 1));

  logic [W-1:0] v_mem[N];
  logic [W-1:0] a_mem[N], c_in[N], c_0[N], v_th[N], v_reset[N];

  // Saturates a (W+1)-bit sum to W bits.
  // (Functions assign their name: Debian's yosys 0.23 has no `return`.)
  function automatic logic [W-1:0] sat_sum(input logic signed [W:0] s);
    sat_sum = s[W-1:0];
    if (s > MAX_RAW) sat_sum = MAX_RAW[W-1:0];
    if (s < MIN_RAW) sat_sum = MIN_RAW[W-1:0];
  endfunction

  function automatic logic [W-1:0] add_sat(input logic [W-1:0] a,
                                           input logic [W-1:0] b);
    add_sat = sat_sum($signed({a[W-1], a}) + $signed({b[W-1], b}));
  endfunction

  function automatic logic [W-1:0] sub_sat(input logic [W-1:0] a,
                                           input logic [W-1:0] b);
    sub_sat = sat_sum($signed({a[W-1], a}) - $signed({b[W-1], b}));
  endfunction

  // a * b rounded to FRAC_BITS (nearest, ties away from zero), saturated.
  localparam logic signed [PW-1:0] HALF =
      FRAC_BITS == 0 ? '0 : PW'(1) <<< (FRAC_BITS == 0 ? 0 : FRAC_BITS - 1);
  function automatic logic [W-1:0] mul_round(input logic [W-1:0] a,
                                             input logic [W-1:0] b);
    logic signed [PW-1:0] p, mag, q;
    p = PW'($signed(a)) * PW'($signed(b));
    mag = p < 0 ? -p : p;
    q = (mag + HALF) >>> FRAC_BITS;
    if (p < 0) q = -q;
    mul_round = q[W-1:0];
    if (q > PW'(MAX_RAW)) mul_round = MAX_RAW[W-1:0];
    if (q < PW'(MIN_RAW)) mul_round = MIN_RAW[W-1:0];
  endfunction

  // The update of neuron upd_index.
  logic [W-1:0] v_old, v_new, v_next;
  logic         fire;
  always_comb begin
    v_old  = v_mem[upd_index];
    v_new  = add_sat(add_sat(mul_round(a_mem[upd_index], v_old),
                             mul_round(c_in[upd_index], upd_x)),
                     c_0[upd_index]);
    fire   = cfg_spiking && ($signed(v_new) > $signed(v_th[upd_index]));
    v_next = !fire ? v_new
           : cfg_subtract ? sub_sat(v_new, v_th[upd_index]) : v_reset[upd_index];
  end

  assign st_rdata = v_mem[st_index];
  assign upd_spike = upd_valid && fire;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) out_valid <= 1'b0;
    else out_valid <= upd_valid;
  end

  always_ff @(posedge clk) begin
    if (coef_we) begin
      a_mem[coef_index]   <= coef_a_mem;
      c_in[coef_index]    <= coef_c_in;
      c_0[coef_index]     <= coef_c_0;
      v_th[coef_index]    <= coef_v_th;
      v_reset[coef_index] <= coef_v_reset;
    end
    // An update wins over a backdoor write of the same neuron.
    if (st_we) v_mem[st_index] <= st_wdata;
    if (upd_valid) begin
      v_mem[upd_index] <= v_next;
      out_index        <= upd_index;
      out_spike        <= fire;
      out_v            <= v_next;
    end
  end
endmodule
