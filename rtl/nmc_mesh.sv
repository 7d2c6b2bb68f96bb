// nmc_mesh: an R x C mesh of xbar nodes with a host interface
// (docs/rtl.md "nmc_mesh"; the C++ model is the xbar emulator,
// docs/targets/xbar.md).
//
// Node n = y * MESH_W + x holds one nmc_xbar_tile, a digital periphery of
// PE slots served by LANES nmc_lif units, and an nmc_router whose N/E/S/W
// ports reach the neighbours over links of `hop` cycles (the router's
// register and hop - 1 link registers). A timestep (`tick`) runs the stages
// of the stage table in order, one per crossbar layer:
//   transport  the layer's routes one after another: the source (the host
//              input spikes for routes from the host port, at node 0, or a
//              node's periphery spikes) injects one packet per cycle into
//              its router; packets {route, row} travel by the routers'
//              tables and are written into the destination tile's rows;
//              routes without a packet are skipped;
//   reads      started in the cycle of the last delivery on every tile of
//              the layer, done when the slowest is;
//   partial    (row blocks - 1) adds of digital_add cycles: every node adds
//              the results of its i-th peer (a row-block tile of its column
//              block) to its partial sums;
//   periphery  batches of `units` slots, neuron_update cycles each, on
//              every node of the layer: a neuron slot computes x = bias +
//              (own results + partial sums)[col] * scale (saturated as the
//              emulator's CrossbarHook::emit) and updates its LIF.
// Phases of zero cycles are skipped, so a step takes exactly the sum of
// the stages of docs/targets/xbar.md ("Cycles and energy"); `step_cycles`
// holds it after the step. Then the output slots whose neuron spiked are
// sent as AER events (out_*) (not counted in step_cycles).
module nmc_mesh #(
    parameter int MESH_W    = 2,   // nodes per row (x)
    parameter int MESH_H    = 2,   // rows of nodes (y)
    parameter int ROWS      = 4,   // logical rows per tile
    parameter int COLS      = 8,   // physical data columns per tile
    parameter int SLICES    = 1,
    parameter int LEVELS    = 16,
    parameter int DIGIT_W   = 5,
    parameter int ACC_W     = 32,
    parameter int CYC_W     = 16,
    parameter int FS_W      = 16,
    parameter int INT_BITS  = 16,
    parameter int FRAC_BITS = 15,
    parameter int PE        = 8,   // periphery slots per node
    parameter int LANES     = 4,   // neuron units per node
    parameter int ENTRIES   = 8,   // router table entries
    parameter int NROUTE    = 8,   // routes
    parameter int NSTAGE    = 4,   // stages (layers)
    parameter int NIN       = 16,  // host input elements
    parameter int PEERS     = 3,   // partial-sum peers per node
    parameter int LINK_REGS = 3,   // link registers: hop <= LINK_REGS + 1
    localparam int NT    = MESH_W * MESH_H,
    localparam int W     = 1 + INT_BITS + FRAC_BITS,
    localparam int LCOLS = COLS / SLICES,
    localparam int RW    = ROWS > 1 ? $clog2(ROWS) : 1,
    localparam int RIDW  = NROUTE > 1 ? $clog2(NROUTE) : 1,
    localparam int KEY_W = RIDW + RW,
    localparam int SBW   = NIN > PE ? NIN : PE,
    localparam int SW    = SBW > 1 ? $clog2(SBW) : 1,
    localparam int PW    = PE > 1 ? $clog2(PE) : 1,
    localparam int NTW   = NT > 1 ? $clog2(NT) : 1,
    localparam int LCW   = LCOLS > 1 ? $clog2(LCOLS) : 1,
    localparam int STW   = NSTAGE > 1 ? $clog2(NSTAGE) : 1,
    localparam int PRW   = PEERS > 1 ? $clog2(PEERS) : 1,
    localparam int LW    = LANES > 1 ? $clog2(LANES) : 1
) (
    input  logic        clk,
    input  logic        rst_n,
    // Loading (sel, node, addr, data); docs/rtl.md lists the memories.
    input  logic        ld_we,
    input  logic [2:0]  ld_sel,
    input  logic [7:0]  ld_node,
    input  logic [15:0] ld_addr,
    input  logic [63:0] ld_data,
    // Input spikes of the next step: AER addresses into the host port.
    input  logic        hin_clear,
    input  logic        hin_valid,
    input  logic [15:0] hin_addr,
    // Timestep.
    input  logic        tick,
    output logic        busy,        // a step (or its output drain) runs
    output logic [31:0] step_cycles, // cycles of the last step
    output logic [63:0] cycle_count, // clock cycles since reset
    // Output spikes (AER) of the last step.
    output logic        out_valid,
    input  logic        out_ready,
    output logic [15:0] out_addr,
    // Membrane backdoor: node and periphery slot.
    input  logic [7:0]  bd_node,
    input  logic [7:0]  bd_slot,
    output logic [W-1:0] bd_v
);
  localparam logic [2:0] SEL_GLOBAL = 3'd0, SEL_NODE = 3'd1, SEL_DIGIT = 3'd2,
                         SEL_SLOT = 3'd3, SEL_LIF = 3'd4, SEL_ROUTER = 3'd5,
                         SEL_ROUTE = 3'd6, SEL_STAGE = 3'd7;
  // S * scale in 64 bits: |S| <= 2^32 and |scale| < 2^31 (the writer
  // refuses -2^31, as CrossbarHook does).
  localparam logic signed [63:0] MAX_RAW = (64'sd1 <<< (W - 1)) - 64'sd1;
  localparam logic signed [63:0] MIN_RAW = -(64'sd1 <<< (W - 1));
  localparam logic signed [63:0] S_LIMIT = 64'sd1 <<< 32;

  // ---- Global configuration.
  logic [CYC_W-1:0] g_row_drive, g_column_read, g_adc_conversion, g_shift_add;
  logic [CYC_W-1:0] g_digital_add, g_neuron_update;
  logic [5:0]       g_adc_bits;
  logic [7:0]       g_units, g_hop, g_stages, g_adcs;
  logic             g_spiking, g_subtract, g_ref_col;

  // ---- Per node: configuration, slots, state.
  logic [FS_W-1:0]  n_full_scale[NT];
  logic [7:0]       n_cols[NT], n_elems[NT], n_peers[NT];
  logic [7:0]       n_peer[NT][PEERS];
  logic [31:0]      s_flags[NT][PE];  // bit0 neuron, bit1 output, [15:8] col
                                      // or source slot, [31:16] out address
  logic [W-1:0]     s_bias[NT][PE], s_scale[NT][PE];
  logic [PE-1:0]    spk[NT];          // spikes of the slots this step
  logic             rd_flag[NT];      // the tile read this step
  logic signed [ACC_W-1:0] psum[NT][LCOLS];
  logic [NIN-1:0]   hin;

  // ---- Routes and stages.
  logic             r_host[NROUTE];
  logic [7:0]       r_src[NROUTE];
  logic [15:0]      r_start[NROUTE], r_row[NROUTE];
  logic [SBW-1:0]   r_range[NROUTE];  // the source elements of the route
  logic [RIDW-1:0]  r_id[NROUTE];
  logic [15:0]      t_first[NSTAGE], t_count[NSTAGE], t_adds[NSTAGE];
  logic [NT-1:0]    t_mask[NSTAGE];

  // ---- Loading of the central tables.
  always_ff @(posedge clk) begin
    if (ld_we) begin
      case (ld_sel)
        SEL_GLOBAL:
          case (ld_addr)
            16'd0: g_row_drive <= CYC_W'(ld_data);
            16'd1: g_column_read <= CYC_W'(ld_data);
            16'd2: g_adc_conversion <= CYC_W'(ld_data);
            16'd3: g_shift_add <= CYC_W'(ld_data);
            16'd4: g_adc_bits <= 6'(ld_data);
            16'd5: g_digital_add <= CYC_W'(ld_data);
            16'd6: g_neuron_update <= CYC_W'(ld_data);
            16'd7: g_units <= 8'(ld_data);
            16'd8: g_hop <= 8'(ld_data);
            16'd9: g_spiking <= ld_data[0];
            16'd10: g_subtract <= ld_data[0];
            16'd11: g_adcs <= 8'(ld_data);
            16'd12: g_ref_col <= ld_data[0];
            16'd13: g_stages <= 8'(ld_data);
            default: ;
          endcase
        SEL_NODE:
          case (ld_addr)
            16'd0: n_full_scale[ld_node[NTW-1:0]] <= FS_W'(ld_data);
            16'd1: n_cols[ld_node[NTW-1:0]] <= 8'(ld_data);
            16'd2: n_elems[ld_node[NTW-1:0]] <= 8'(ld_data);
            16'd3: n_peers[ld_node[NTW-1:0]] <= 8'(ld_data);
            default:
              if (ld_addr >= 16'd4 && ld_addr < 16'(4 + PEERS))
                n_peer[ld_node[NTW-1:0]][PRW'(ld_addr - 16'd4)] <= 8'(ld_data);
          endcase
        SEL_SLOT:
          case (ld_addr[1:0])
            2'd0: s_flags[ld_node[NTW-1:0]][ld_addr[PW+1:2]] <= ld_data[31:0];
            2'd1: s_bias[ld_node[NTW-1:0]][ld_addr[PW+1:2]] <= W'(ld_data);
            2'd2: s_scale[ld_node[NTW-1:0]][ld_addr[PW+1:2]] <= W'(ld_data);
            default: ;
          endcase
        SEL_ROUTE:
          case (ld_addr[1:0])
            2'd0: begin
              r_src[ld_addr[RIDW+1:2]]  <= ld_data[7:0];
              r_host[ld_addr[RIDW+1:2]] <= ld_data[8];
            end
            2'd1: begin
              r_start[ld_addr[RIDW+1:2]] <= ld_data[15:0];
              for (int i = 0; i < SBW; i++)
                r_range[ld_addr[RIDW+1:2]][i] <=
                    32'(i) >= 32'(ld_data[15:0]) &&
                    32'(i) < 32'(ld_data[15:0]) + 32'(ld_data[31:16]);
            end
            2'd2: begin
              r_row[ld_addr[RIDW+1:2]] <= ld_data[15:0];
              r_id[ld_addr[RIDW+1:2]]  <= RIDW'(ld_data[31:16]);
            end
            default: ;
          endcase
        SEL_STAGE:
          case (ld_addr[1:0])
            2'd0: begin
              t_first[ld_addr[STW+1:2]] <= ld_data[15:0];
              t_count[ld_addr[STW+1:2]] <= ld_data[31:16];
            end
            2'd1: t_mask[ld_addr[STW+1:2]] <= NT'(ld_data);
            2'd2: t_adds[ld_addr[STW+1:2]] <= ld_data[15:0];
            default: ;
          endcase
        default: ;
      endcase
    end
  end

  // ---- Controller state.
  typedef enum logic [1:0] {IDLE, RUN, DRAIN} state_t;
  typedef enum logic [1:0] {TRANS, READ, PSUM, PERI} phase_t;
  state_t                state;
  phase_t                ph;
  logic [7:0]            stg;
  logic [RIDW:0]         rt;       // first route not yet served
  logic [SBW-1:0]        sent;     // source elements sent on this route
  logic [15:0]           in_flight;
  logic [15:0]           ps_slot;  // partial-sum add
  logic [CYC_W-1:0]      cnt;      // cycle in the add or batch
  logic [7:0]            bbase;    // first slot of the batch
  logic [31:0]           run_cycles;

  wire [NT-1:0] smask = t_mask[stg[STW-1:0]];
  wire [15:0]   s_first = t_first[stg[STW-1:0]];
  wire [15:0]   s_end = s_first + t_count[stg[STW-1:0]];
  wire [15:0]   s_adds = t_adds[stg[STW-1:0]];

  // Source elements of every route with a packet.
  logic [SBW-1:0] src_bits[NROUTE];
  logic [NROUTE-1:0] cand;
  always_comb begin
    for (int r = 0; r < NROUTE; r++) begin
      logic [SBW-1:0] all;
      all = r_host[r] ? SBW'(hin) : SBW'(spk[r_src[r][NTW-1:0]]);
      src_bits[r] = all & r_range[r];
      cand[r] = src_bits[r] != 0 && (RIDW + 1)'(r) >= rt &&
                16'(r) < s_end;
    end
  end

  // The route served now (lowest candidate) and whether another follows.
  logic            any_route, more_routes;
  logic [RIDW-1:0] r_eff;
  always_comb begin
    any_route = cand != 0;
    r_eff = '0;
    for (int r = NROUTE - 1; r >= 0; r--) if (cand[r]) r_eff = RIDW'(r);
    more_routes = 1'b0;
    for (int r = 0; r < NROUTE; r++)
      if (cand[r] && RIDW'(r) != r_eff) more_routes = 1'b1;
  end

  // The phase of this cycle: the registered phase, or, at the start of a
  // stage without packets, its periphery.
  wire running = state == RUN;
  wire in_trans = running && ph == TRANS && any_route;
  wire in_read = running && ph == READ;
  wire in_psum = running && ph == PSUM;
  wire in_peri = running && (ph == PERI || (ph == TRANS && !any_route));

  // Injection: the lowest pending element of the served route.
  logic [SBW-1:0] pend;
  logic           inject;
  logic [SW-1:0]  inj_elem;
  always_comb begin
    pend = src_bits[r_eff] & ~sent;
    inject = in_trans && pend != 0;
    inj_elem = '0;
    for (int i = SBW - 1; i >= 0; i--) if (pend[i]) inj_elem = SW'(i);
  end
  wire [KEY_W-1:0] inj_key = {r_id[r_eff],
      RW'(r_row[r_eff] + 16'(inj_elem) - r_start[r_eff])};
  wire [7:0] inj_node = r_host[r_eff] ? 8'd0 : r_src[r_eff];

  // ---- Nodes.
  logic             deliver_any;
  logic [NT-1:0]    tile_busy, tile_last, deliver;
  logic [LCOLS*ACC_W-1:0] res_all[NT];
  logic [NT-1:0]    node_last_batch;
  logic [W-1:0]     lane_v[NT][LANES];
  logic [LW-1:0]    bd_lane;
  // Router outputs and link taps, by direction 0 N, 1 E, 2 S, 3 W.
  logic             lk_valid[NT][4];
  logic [KEY_W-1:0] lk_key[NT][4];

  wire last_delivery = deliver_any && in_flight == 16'd1 && !inject;
  wire read_start = in_trans && last_delivery && !more_routes;
  wire read_last = in_read && ((tile_busy & smask) & ~tile_last) == '0;
  wire add_now = in_psum && cnt == g_digital_add - 1'b1;
  wire psum_last = add_now && ps_slot == s_adds - 1'b1;
  wire batch_end = in_peri && cnt == g_neuron_update - 1'b1;
  wire peri_last = batch_end && (node_last_batch & smask) == smask;

  genvar n;
  generate
    for (n = 0; n < NT; n++) begin : g_node
      localparam int X = n % MESH_W, Y = n / MESH_W;
      // -- Router: input = the injection or a neighbour's link.
      logic             rin_valid, rout_valid, unused_ready;
      logic [KEY_W-1:0] rin_key, rout_key;
      logic [4:0]       rout_ports;
      logic [15:0]      unused_dropped;
      always_comb begin
        rin_valid = inject && inj_node == 8'(n);
        rin_key = inj_key;
        // From the south neighbour's N port, the west's E, north's S, east's W.
        if (Y + 1 < MESH_H && lk_valid[n + MESH_W][0]) begin
          rin_valid = 1'b1; rin_key = lk_key[n + MESH_W][0];
        end
        if (X > 0 && lk_valid[n - 1][1]) begin
          rin_valid = 1'b1; rin_key = lk_key[n - 1][1];
        end
        if (Y > 0 && lk_valid[n - MESH_W][2]) begin
          rin_valid = 1'b1; rin_key = lk_key[n - MESH_W][2];
        end
        if (X + 1 < MESH_W && lk_valid[n + 1][3]) begin
          rin_valid = 1'b1; rin_key = lk_key[n + 1][3];
        end
      end
      wire tbl_we = ld_we && ld_sel == SEL_ROUTER && ld_node == 8'(n);
      nmc_router #(.KEY_W(KEY_W), .ENTRIES(ENTRIES)) u_router (
          .clk, .rst_n,
          .tbl_we, .tbl_index(ld_addr[$clog2(ENTRIES)-1:0]),
          .tbl_valid(ld_data[63]), .tbl_key(ld_data[KEY_W-1:0]),
          .tbl_mask(ld_data[2*KEY_W-1:KEY_W]),
          .tbl_ports(ld_data[2*KEY_W+4:2*KEY_W]),
          .in_valid(rin_valid), .in_ready(unused_ready), .in_key(rin_key),
          .out_valid(rout_valid), .out_ready(1'b1), .out_key(rout_key),
          .out_ports(rout_ports), .dropped(unused_dropped));

      // -- Links: hop - 1 registers after the router, per direction.
      for (genvar d = 0; d < 4; d++) begin : g_link
        logic             pv[LINK_REGS];
        logic [KEY_W-1:0] pk[LINK_REGS];
        always_ff @(posedge clk or negedge rst_n) begin
          if (!rst_n) begin
            for (int i = 0; i < LINK_REGS; i++) pv[i] <= 1'b0;
          end else begin
            pv[0] <= rout_valid && rout_ports[d];
            for (int i = 1; i < LINK_REGS; i++) pv[i] <= pv[i-1];
          end
        end
        always_ff @(posedge clk) begin
          pk[0] <= rout_key;
          for (int i = 1; i < LINK_REGS; i++) pk[i] <= pk[i-1];
        end
        always_comb begin
          lk_valid[n][d] = rout_valid && rout_ports[d];
          lk_key[n][d] = rout_key;
          for (int i = 0; i < LINK_REGS; i++)
            if (g_hop == 8'(i + 2)) begin
              lk_valid[n][d] = pv[i];
              lk_key[n][d] = pk[i];
            end
        end
      end
      assign deliver[n] = rout_valid && rout_ports[4];

      // -- The crossbar tile.
      wire tmem_we = ld_we && ld_sel == SEL_DIGIT && ld_node == 8'(n);
      logic [DIGIT_W-1:0] unused_rdata;
      logic [ACC_W-1:0]   unused_res;
      logic               unused_done;
      logic [CYC_W+2-1:0] unused_cycles;
      logic [$clog2(3)-1:0] unused_planes;
      logic [31:0]        unused_sats;
      nmc_xbar_tile #(.ROWS(ROWS), .COLS(COLS), .SLICES(SLICES),
                      .LEVELS(LEVELS), .DIGIT_W(DIGIT_W), .IN_W(2),
                      .ACC_W(ACC_W), .CYC_W(CYC_W), .FS_W(FS_W)) u_tile (
          .clk, .rst_n,
          .cfg_row_drive(g_row_drive), .cfg_column_read(g_column_read),
          .cfg_adc_conversion(g_adc_conversion), .cfg_shift_add(g_shift_add),
          .cfg_adc_bits(g_adc_bits), .cfg_full_scale(n_full_scale[n]),
          .cfg_adcs($clog2(COLS + 1)'(g_adcs)),
          .cfg_cols($clog2(COLS + 1)'(n_cols[n])), .cfg_ref_col(g_ref_col),
          .mem_we(tmem_we), .mem_addr($clog2(ROWS * COLS)'(ld_addr)),
          .mem_wdata(DIGIT_W'(ld_data)),
          .mem_raddr('0), .mem_rdata(unused_rdata),
          .in_clear(tick && state == IDLE), .in_we(deliver[n]),
          .in_row(rout_key[RW-1:0]), .in_value(2'b01),
          .start(read_start && smask[n]), .busy(tile_busy[n]),
          .done(unused_done), .cycles(unused_cycles), .planes(unused_planes),
          .saturations(unused_sats), .res_col('0), .res_value(unused_res),
          .res_all(res_all[n]), .last_cycle(tile_last[n]));

      // -- Periphery: lane l updates slot bbase + l of the batch.
      assign node_last_batch[n] = 9'(bbase) + 9'(g_units) >= 9'(n_elems[n]);
      for (genvar l = 0; l < LANES; l++) begin : g_lane
        wire [8:0] slot9 = 9'(bbase) + 9'(l);
        wire [PW-1:0] slot = slot9[PW-1:0];
        wire active = in_peri && smask[n] && cnt == '0 && 8'(l) < g_units &&
                      slot9 < 9'(n_elems[n]) && s_flags[n][slot][0];
        // x = bias + S * scale, each step saturated (CrossbarHook::emit).
        logic signed [63:0] s, p, sum;
        logic [W-1:0] x;
        always_comb begin
          logic [LCW-1:0] col;
          col = s_flags[n][slot][8 +: LCW];
          s = 64'($signed(rd_flag[n] ? res_all[n][col * ACC_W +: ACC_W]
                                     : '0)) + 64'(psum[n][col]);
          if (s > S_LIMIT) s = S_LIMIT;
          if (s < -S_LIMIT) s = -S_LIMIT;
          p = s * 64'($signed(s_scale[n][slot]));
          if (p > MAX_RAW) p = MAX_RAW;
          if (p < MIN_RAW) p = MIN_RAW;
          sum = 64'($signed(s_bias[n][slot])) + p;
          if (sum > MAX_RAW) sum = MAX_RAW;
          if (sum < MIN_RAW) sum = MIN_RAW;
          x = sum[W-1:0];
        end
        // Host access, to every unit at index = slot: coefficients (k 3..7,
        // written at 7) and membrane (k 0); slot s is updated by unit
        // s mod units, which keeps its membrane.
        wire lif_ld = ld_we && ld_sel == SEL_LIF && ld_node == 8'(n);
        logic [W-1:0] c_a, c_in, c_0, c_th;
        always_ff @(posedge clk)
          if (lif_ld)
            case (ld_addr[2:0])
              3'd3: c_a <= W'(ld_data);
              3'd4: c_in <= W'(ld_data);
              3'd5: c_0 <= W'(ld_data);
              3'd6: c_th <= W'(ld_data);
              default: ;
            endcase
        logic upd_spike, unused_ov, unused_os;
        logic [PW-1:0] unused_oi;
        logic [W-1:0] unused_v;
        nmc_lif #(.N(PE), .INT_BITS(INT_BITS), .FRAC_BITS(FRAC_BITS)) u_lif (
            .clk, .rst_n, .cfg_spiking(g_spiking), .cfg_subtract(g_subtract),
            .coef_we(lif_ld && ld_addr[2:0] == 3'd7),
            .coef_index(ld_addr[3+PW-1:3]), .coef_a_mem(c_a), .coef_c_in(c_in),
            .coef_c_0(c_0), .coef_v_th(c_th), .coef_v_reset(W'(ld_data)),
            .st_we(lif_ld && ld_addr[2:0] == 3'd0),
            .st_index(lif_ld ? ld_addr[3+PW-1:3] : bd_slot[PW-1:0]),
            .st_wdata(W'(ld_data)), .st_rdata(lane_v[n][l]),
            .upd_valid(active), .upd_index(slot), .upd_x(x),
            .upd_spike, .out_valid(unused_ov), .out_index(unused_oi),
            .out_spike(unused_os), .out_v(unused_v));
        always_ff @(posedge clk)
          if (active) spk[n][slot] <= upd_spike;
      end
    end
  endgenerate

  always_comb begin
    deliver_any = deliver != '0;
  end

  assign bd_lane = LW'(bd_slot % g_units);
  assign bd_v = lane_v[bd_node[NTW-1:0]][bd_lane];

  // ---- Sequencing.
  logic [15:0] drain_i;
  logic        fifo_in_ready, fifo_full, fifo_empty;
  logic [2:0]  unused_count;
  wire [7:0]   dr_node = 8'(drain_i / 16'(PE));
  wire [PW-1:0] dr_slot = PW'(drain_i % 16'(PE));
  wire [31:0]  dr_flags = s_flags[dr_node[NTW-1:0]][dr_slot];
  wire         dr_event = state == DRAIN && drain_i < 16'(NT * PE) &&
                          8'(dr_slot) < n_elems[dr_node[NTW-1:0]] && dr_flags[1] &&
                          spk[dr_node[NTW-1:0]][dr_flags[8+PW-1:8]];

  nmc_aer_fifo #(.WIDTH(16), .DEPTH(4)) u_out (
      .clk, .rst_n, .in_valid(dr_event), .in_ready(fifo_in_ready),
      .in_data(dr_flags[31:16]), .out_valid, .out_ready, .out_data(out_addr),
      .full(fifo_full), .empty(fifo_empty), .count(unused_count));

  assign busy = state != IDLE;

  // Bits the configuration words carry but this instance does not use.
  logic unused_bits;
  assign unused_bits = &{1'b0, ld_data[62:32], bd_node, g_adcs, fifo_full,
                         fifo_empty, dr_node, dr_flags, bd_slot};

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= IDLE;
      ph <= TRANS;
      stg <= '0;
      rt <= '0;
      sent <= '0;
      in_flight <= '0;
      ps_slot <= '0;
      cnt <= '0;
      bbase <= '0;
      run_cycles <= '0;
      step_cycles <= '0;
      cycle_count <= '0;
      drain_i <= '0;
      hin <= '0;
      for (int i = 0; i < NT; i++) rd_flag[i] <= 1'b0;
    end else begin
      cycle_count <= cycle_count + 1'b1;
      if (hin_clear) hin <= '0;
      else if (hin_valid && hin_addr < 16'(NIN)) hin[hin_addr[SW-1:0]] <= 1'b1;
      for (int i = 0; i < NT; i++) if (tile_busy[i]) rd_flag[i] <= 1'b1;
      in_flight <= in_flight + 16'(inject) - 16'(deliver_any);
      case (state)
        IDLE:
          if (tick) begin
            state <= RUN;
            stg <= '0;
            ph <= TRANS;
            rt <= (RIDW + 1)'(t_first[0]);
            sent <= '0;
            run_cycles <= '0;
            cnt <= '0;
            bbase <= '0;
            for (int i = 0; i < NT; i++) rd_flag[i] <= 1'b0;
          end
        RUN: begin
          run_cycles <= run_cycles + 1'b1;
          if (inject) sent[inj_elem] <= 1'b1;
          if (in_trans && last_delivery) begin
            sent <= '0;
            if (more_routes) rt <= (RIDW + 1)'(r_eff) + 1'b1;
            else ph <= READ;
          end
          if (read_last) begin
            ph <= s_adds != 0 ? PSUM : PERI;
            ps_slot <= '0;
            cnt <= '0;
          end
          if (in_psum) begin
            cnt <= add_now ? '0 : cnt + 1'b1;
            if (add_now) ps_slot <= ps_slot + 1'b1;
            if (psum_last) ph <= PERI;
          end
          if (in_peri) begin
            cnt <= batch_end ? '0 : cnt + 1'b1;
            if (batch_end) bbase <= bbase + g_units;
            if (peri_last) begin
              bbase <= '0;
              ph <= TRANS;
              stg <= stg + 1'b1;
              rt <= (RIDW + 1)'(t_first[STW'(stg + 1'b1)]);
              if (stg + 1'b1 == g_stages) begin
                state <= DRAIN;
                step_cycles <= run_cycles + 1'b1;
                drain_i <= '0;
              end
            end
          end
        end
        DRAIN:
          if (drain_i >= 16'(NT * PE)) state <= IDLE;
          else if (!dr_event || fifo_in_ready) drain_i <= drain_i + 1'b1;
        default: state <= IDLE;
      endcase
    end
  end

  // Partial sums: cleared at a tick, the peer's results added at add_now.
  always_ff @(posedge clk) begin
    for (int i = 0; i < NT; i++)
      for (int c = 0; c < LCOLS; c++) begin
        if (state == IDLE && tick) psum[i][c] <= '0;
        else if (add_now && smask[i] && ps_slot < 16'(n_peers[i])) begin
          logic [NTW-1:0] pr;
          pr = NTW'(n_peer[i][PRW'(ps_slot)]);
          if (rd_flag[pr])
            psum[i][c] <= psum[i][c] + $signed(res_all[pr][c * ACC_W +: ACC_W]);
        end
      end
  end
endmodule
