// nmc_xbar_tile: the digital twin of one xbar crossbar tile in ideal mode
// (docs/rtl.md; docs/targets/xbar.md "What one step computes"; the C++
// model is nmc::xbar::TileModel with every effect off).
//
// Memory: ROWS logical rows x COLS physical data columns of signed digits
// (differential: sign * digit of |level|; offset: the level), row-major,
// written through mem_* or loaded by $readmemh(INIT_FILE). A read of the
// signed row inputs x_r (|x| up to 2^(IN_W-1)) takes P = bit width of the
// largest |x| bit planes, each:
//   row_drive cycles, column_read cycles (column sums settle: per column,
//   the sum over rows whose |x| has bit p of sign(x) * digit), then `rounds`
//   ADC conversions of adc_conversion cycles (0 = adc_bits + 1), round k
//   converting data columns [k*adcs, (k+1)*adcs) at its last cycle;
// then shift_add cycles. rounds = ceil((cols + ref_col) / adcs).
// ADC (adc_bits b > 0): codeMax = 2^(b-1) - 1, LSB = 2^s with s the least
// shift such that codeMax * 2^s >= full_scale; code = |a| rounded at the
// shift (ties away from zero) clamped to codeMax (a saturation), q = sign *
// code * 2^s. b = 0: q = a. Conversions add q * 2^p into the physical
// column's accumulator; logical column l reads
// sum_s acc[l*SLICES + s] * LEVELS^s.
// Phases of zero cycles are skipped as in TileModel, so the cycle count
// equals TileModel::cyclesPerRead(P). Memory, inputs and configuration must
// not change during a read (writes while busy are ignored).
module nmc_xbar_tile #(
    parameter int ROWS = 8,        // logical rows
    parameter int COLS = 8,        // physical data columns
    parameter int SLICES = 1,      // digits per weight (adjacent columns)
    parameter int LEVELS = 16,     // digit radix (device levels)
    parameter int DIGIT_W = 5,     // signed digit bits
    parameter int IN_W = 8,        // signed input bits
    parameter int ACC_W = 40,      // accumulator and result bits
    parameter int CYC_W = 16,      // cycle-count bits
    parameter int FS_W = 32,       // ADC full-scale bits
    parameter INIT_FILE = "",      // $readmemh image of the digits, or ""
    localparam int LCOLS = COLS / SLICES,
    localparam int AW = $clog2(ROWS * COLS),
    localparam int RW = $clog2(ROWS),
    localparam int CW = $clog2(COLS + 1),
    localparam int LW = $clog2(LCOLS),
    localparam int PLW = $clog2(IN_W + 1)
) (
    input  logic                      clk,
    input  logic                      rst_n,
    // Configuration (hold stable during a read).
    input  logic [CYC_W-1:0]          cfg_row_drive,
    input  logic [CYC_W-1:0]          cfg_column_read,
    input  logic [CYC_W-1:0]          cfg_adc_conversion,  // 0 = bits + 1
    input  logic [CYC_W-1:0]          cfg_shift_add,
    input  logic [5:0]                cfg_adc_bits,        // 0 = ideal
    input  logic [FS_W-1:0]           cfg_full_scale,      // level units, ceil
    input  logic [CW-1:0]             cfg_adcs,            // ADCs, >= 1
    input  logic [CW-1:0]             cfg_cols,            // data columns used
    input  logic                      cfg_ref_col,         // offset scheme
    // Digit memory write port and backdoor read.
    input  logic                      mem_we,
    input  logic [AW-1:0]             mem_addr,
    input  logic [DIGIT_W-1:0]        mem_wdata,
    input  logic [AW-1:0]             mem_raddr,
    output logic [DIGIT_W-1:0]        mem_rdata,
    // Row inputs.
    input  logic                      in_clear,            // all rows to 0
    input  logic                      in_we,
    input  logic [RW-1:0]             in_row,
    input  logic [IN_W-1:0]           in_value,
    // Read control: a start with no nonzero input does nothing (done).
    input  logic                      start,
    output logic                      busy,
    output logic                      done,                // last read over
    output logic [CYC_W+IN_W-1:0]     cycles,              // of the last read
    output logic [PLW-1:0]            planes,              // of the last read
    output logic [31:0]               saturations,         // of the last read
    // Results per logical column.
    input  logic [LW-1:0]             res_col,
    output logic [ACC_W-1:0]          res_value,
    output logic [LCOLS*ACC_W-1:0]    res_all,             // every column
    // High in the last busy cycle of a read (the mesh's schedule).
    output logic                      last_cycle
);
  localparam int SUM_W = DIGIT_W + $clog2(ROWS) + 1;  // a column sum
  localparam int QW = 64;                             // ADC output width

  typedef enum logic [2:0] {
    IDLE, DRIVE, READ, CONVERT, SHIFT_ADD
  } phase_t;

  logic [DIGIT_W-1:0] digits[ROWS * COLS];
  logic [IN_W-1:0]    x[ROWS];
  logic [ACC_W-1:0]   acc[COLS];

  phase_t           phase;
  logic [CYC_W-1:0] remaining;
  logic [PLW-1:0]   plane;
  logic [CW-1:0]    base;  // first column of the current ADC round

  initial if (INIT_FILE != "") $readmemh(INIT_FILE, digits);

  assign busy      = phase != IDLE;
  assign mem_rdata = digits[mem_raddr];

  // ---- Planes of the inputs: bit width of the OR of the magnitudes.
  logic [IN_W-1:0] mag_or;
  logic [PLW-1:0]  planes_in;
  always_comb begin
    mag_or = '0;
    for (int r = 0; r < ROWS; r++)
      mag_or = mag_or | (x[r][IN_W-1] ? -x[r] : x[r]);
    // An input written at the start edge counts (the mesh delivers the
    // last spike of a layer in the cycle its read starts).
    if (in_we && !busy) mag_or = mag_or | (in_value[IN_W-1] ? -in_value : in_value);
    planes_in = '0;
    for (int b = 0; b < IN_W; b++) if (mag_or[b]) planes_in = PLW'(b + 1);
  end

  // ---- Column sums of the active rows of plane `plane` (the analog value).
  logic signed [SUM_W-1:0] col_sum[COLS];
  always_comb begin
    for (int c = 0; c < COLS; c++) begin
      col_sum[c] = '0;
      for (int r = 0; r < ROWS; r++) begin
        logic [IN_W-1:0] m;
        logic signed [SUM_W-1:0] d;
        m = x[r][IN_W-1] ? -x[r] : x[r];
        d = SUM_W'($signed(digits[r * COLS + c]));
        if ((m & (IN_W'(1) << plane)) != 0) col_sum[c] = x[r][IN_W-1] ? col_sum[c] - d : col_sum[c] + d;
      end
    end
  end

  // ---- The ADC: LSB shift from the full scale, then every column's code.
  logic [QW-1:0] code_max;
  logic [5:0]    shift;
  always_comb begin
    code_max = cfg_adc_bits == 0 ? '0 : (QW'(1) << (cfg_adc_bits - 1)) - 1;
    shift = '0;  // the count of shifts still below the full scale
    for (int s = 0; s < 48; s++)
      if (cfg_adc_bits != 0 && (code_max << s) < QW'(cfg_full_scale))
        shift = 6'(s + 1);
  end

  logic signed [QW-1:0] q[COLS];
  logic                 sat[COLS];
  logic                 in_round[COLS];
  logic [COLS-1:0]      sat_now;
  always_comb begin
    for (int c = 0; c < COLS; c++) begin
      logic [SUM_W-1:0] a;
      logic [QW-1:0] m, code;
      a = col_sum[c] < 0 ? -col_sum[c] : col_sum[c];
      m = QW'(a);
      code = shift == 0 ? m : (m + (QW'(1) << (shift - 1))) >> shift;
      sat[c] = cfg_adc_bits != 0 && code > code_max;
      if (sat[c]) code = code_max;
      q[c] = cfg_adc_bits == 0 ? QW'(col_sum[c])
           : col_sum[c] < 0 ? -$signed(code << shift) : $signed(code << shift);
      in_round[c] = CW'(c) >= base && CW'(c) < cfg_cols &&
                    ({1'b0, CW'(c)} < {1'b0, base} + {1'b0, cfg_adcs});
      sat_now[c] = in_round[c] && sat[c];
    end
  end

  // ---- Phase sequencing (TileModel::finishPhase, zero phases skipped).
  wire [CYC_W-1:0] adc_cycles =
      cfg_adc_conversion != 0 ? cfg_adc_conversion : CYC_W'(cfg_adc_bits) + 1'b1;
  wire last_round =
      {1'b0, base} + {1'b0, cfg_adcs} >= {1'b0, cfg_cols} + (CW + 1)'(cfg_ref_col);

  // The first phase of a plane: Drive, else Read, else Convert.
  phase_t           first_phase;
  logic [CYC_W-1:0] first_remaining;
  always_comb begin
    first_phase = DRIVE;
    first_remaining = cfg_row_drive;
    if (cfg_row_drive == 0) begin
      first_phase = READ;
      first_remaining = cfg_column_read;
      if (cfg_column_read == 0) begin
        first_phase = CONVERT;
        first_remaining = adc_cycles;
      end
    end
  end

  // The phase after the current one ends, empty phases skipped.
  phase_t           next_phase;
  logic [CYC_W-1:0] next_remaining;
  always_comb begin
    next_phase = IDLE;
    next_remaining = '0;
    case (phase)
      DRIVE: begin
        next_phase = cfg_column_read != 0 ? READ : CONVERT;
        next_remaining = cfg_column_read != 0 ? cfg_column_read : adc_cycles;
      end
      READ: begin
        next_phase = CONVERT;
        next_remaining = adc_cycles;
      end
      CONVERT: begin
        if (!last_round) begin
          next_phase = CONVERT;
          next_remaining = adc_cycles;
        end else if (plane + 1'b1 < planes) begin
          next_phase = first_phase;
          next_remaining = first_remaining;
        end else if (cfg_shift_add != 0) begin
          next_phase = SHIFT_ADD;
          next_remaining = cfg_shift_add;
        end
      end
      default: ;
    endcase
  end

  wire phase_ends = busy && remaining == 1;
  assign last_cycle = phase_ends && next_phase == IDLE;
  wire convert_now = phase == CONVERT && phase_ends;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      phase       <= IDLE;
      remaining   <= '0;
      plane       <= '0;
      planes      <= '0;
      base        <= '0;
      done        <= 1'b0;
      cycles      <= '0;
      saturations <= '0;
    end else if (!busy) begin
      if (start) begin
        planes      <= planes_in;
        plane       <= '0;
        base        <= '0;
        cycles      <= '0;
        saturations <= '0;
        done        <= planes_in == 0;
        if (planes_in != 0) begin
          phase     <= first_phase;
          remaining <= first_remaining;
        end
      end
    end else begin
      cycles <= cycles + 1'b1;
      if (!phase_ends) begin
        remaining <= remaining - 1'b1;
      end else begin
        phase     <= next_phase;
        remaining <= next_remaining;
        if (next_phase == IDLE) done <= 1'b1;
        if (convert_now) begin
          saturations <= saturations + 32'($countones(sat_now));
          base <= last_round ? '0 : base + cfg_adcs;
          if (last_round) plane <= plane + 1'b1;
        end
      end
    end
  end

  // Accumulators: cleared at a start, a round's columns added at its end.
  always_ff @(posedge clk) begin
    for (int c = 0; c < COLS; c++) begin
      if (!busy && start) acc[c] <= '0;
      else if (convert_now && in_round[c])
        acc[c] <= acc[c] + ACC_W'(q[c] <<< plane);
    end
  end

  // Digit and input writes, refused while busy.
  always_ff @(posedge clk) begin
    if (mem_we && !busy) digits[mem_addr] <= mem_wdata;
    for (int r = 0; r < ROWS; r++)
      if (in_clear && !busy) x[r] <= '0;
    if (in_we && !busy) x[in_row] <= in_value;
  end

  // Shift-add of the slices of every logical column.
  always_comb begin
    for (int l = 0; l < LCOLS; l++) begin
      logic [ACC_W-1:0] sum, weight;
      sum = '0;
      weight = ACC_W'(1);
      for (int s = 0; s < SLICES; s++) begin
        sum = sum + acc[l * SLICES + s] * weight;
        weight = weight * ACC_W'(LEVELS);
      end
      res_all[l * ACC_W +: ACC_W] = sum;
    end
  end

  assign res_value = res_all[res_col * ACC_W +: ACC_W];
endmodule
