// nmc_router: a multicast AER router with a key/mask table (docs/rtl.md).
//
// An event's key matches entry i when entry i is valid and
// (key & mask_i) == (key_i & mask_i); the first (lowest index) matching entry
// wins and gives the set of ports the event leaves on, bit order
// {local, W, S, E, N} (PORT_N = bit 0). An event no entry matches is dropped
// and counted in `dropped`. The table is written one entry per cycle through
// the write port. One event per cycle, one register stage: the routed event
// appears on out_* the cycle after it is taken.
module nmc_router #(
    parameter int KEY_W   = 16,  // AER key bits
    parameter int ENTRIES = 8,   // table entries
    parameter int CNT_W   = 16   // width of the drop counter (saturates)
) (
    input  logic                       clk,
    input  logic                       rst_n,
    // Table write port.
    input  logic                       tbl_we,
    input  logic [$clog2(ENTRIES)-1:0] tbl_index,
    input  logic                       tbl_valid,
    input  logic [KEY_W-1:0]           tbl_key,
    input  logic [KEY_W-1:0]           tbl_mask,
    input  logic [4:0]                 tbl_ports,
    // Incoming event.
    input  logic                       in_valid,
    output logic                       in_ready,
    input  logic [KEY_W-1:0]           in_key,
    // Routed event: the key and its port set.
    output logic                       out_valid,
    input  logic                       out_ready,
    output logic [KEY_W-1:0]           out_key,
    output logic [4:0]                 out_ports,
    // Events that matched no entry.
    output logic [CNT_W-1:0]           dropped
);
  logic             ent_valid[ENTRIES];
  logic [KEY_W-1:0] ent_key  [ENTRIES];
  logic [KEY_W-1:0] ent_mask [ENTRIES];
  logic [4:0]       ent_ports[ENTRIES];

  // First match: scan from the last entry down so the lowest index wins.
  logic       hit;
  logic [4:0] hit_ports;
  always_comb begin
    hit       = 1'b0;
    hit_ports = '0;
    for (int i = ENTRIES - 1; i >= 0; i--)
      if (ent_valid[i] && ((in_key & ent_mask[i]) == (ent_key[i] & ent_mask[i]))) begin
        hit       = 1'b1;
        hit_ports = ent_ports[i];
      end
  end

  assign in_ready = !out_valid || out_ready;
  wire take = in_valid && in_ready;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      for (int i = 0; i < ENTRIES; i++) ent_valid[i] <= 1'b0;
      out_valid <= 1'b0;
      dropped   <= '0;
    end else begin
      if (tbl_we) ent_valid[tbl_index] <= tbl_valid;
      if (out_valid && out_ready) out_valid <= 1'b0;
      if (take && hit) out_valid <= 1'b1;
      if (take && !hit && dropped != '1) dropped <= dropped + 1'b1;
    end
  end

  always_ff @(posedge clk) begin
    if (tbl_we) begin
      ent_key[tbl_index]   <= tbl_key;
      ent_mask[tbl_index]  <= tbl_mask;
      ent_ports[tbl_index] <= tbl_ports;
    end
    if (take && hit) begin
      out_key   <= in_key;
      out_ports <= hit_ports;
    end
  end
endmodule
