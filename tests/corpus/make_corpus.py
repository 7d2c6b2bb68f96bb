#!/usr/bin/env python3
"""The malformed-input corpus (issue 9 part 6): every case is a file built
here (no binary blobs in git), the command that reads it, the exit code and
a regex the one-line error must match ({file} stands for the file's path).
Corrupted-heap cases mutate the shared fixtures by a recipe (fixture, seed
-> byte offsets and values) with which h5dump itself crashes or hangs on
libhdf5 1.10.8; nmc must report them as one contained error."""
import os
import random
import shutil
import subprocess

import h5py
import numpy as np

from nirfile import STR, affine, lif, port, small_net, write_nir


class Case:
    def __init__(self, name, make, args, error, tool="nmc", suffix=".nir",
                 exit_code=1):
        self.name, self.make, self.args = name, make, args
        self.error, self.tool, self.suffix = error, tool, suffix
        self.exit_code = exit_code


CRASH = r"the HDF5 library (crashed \(signal \d+\)|hung \(no progress in " \
        r"[0-9.]+ s( of CPU time)?\)) (while (closing the file after )?reading " \
        r"/\S*|while opening " \
        r"the file): " \
        r"the file is corrupt"

# Corrupted global heaps: (fixture, seed) -> bytes written at offsets near
# the "GCOL" signature; h5dump crashes (SIGSEGV/SIGABRT) or hangs on each.
HEAP_RECIPES = [
    ("paper_lif_norse.nir", 2, [(2093, 184)]),
    ("paper_lif_norse.nir", 3, [(2211, 66), (2166, 242), (2232, 33)]),
    ("paper_lif_norse.nir", 6, [(2138, 18), (2072, 74)]),
    ("gen_ff_affine_lif.nir", 4, [(2098, 202), (2194, 79)]),
    ("gen_ff_affine_lif.nir", 8, [(2168, 64), (2121, 22)]),
]
NIRDATA_RECIPES = [
    ("gen_ff_affine_lif_data.h5", 2, [(2077, 184)]),
    ("gen_ff_affine_lif_data.h5", 6, [(2122, 18), (2056, 74)]),  # hang
    ("gen_ff_affine_lif_data.h5", 8, [(2152, 64), (2105, 22)]),
]


def heap_mutations(data, seed):
    """1-3 random bytes within 200 bytes after a global heap signature."""
    rng = random.Random(seed)
    gcols = [i for i in range(len(data)) if data.startswith(b"GCOL", i)]
    base = rng.choice(gcols)
    out = []
    for _ in range(rng.randint(1, 3)):
        off = base + rng.randrange(8, 200)
        out.append((off, rng.randrange(256)))
    return out


def mutate(src, seed, expected, dst):
    data = bytearray(open(src, "rb").read())
    muts = heap_mutations(bytes(data), seed)
    assert expected is None or muts == expected, (src, seed, muts)
    for off, val in muts:
        data[off] = val
    open(dst, "wb").write(data)


def h5dump_fails(path):
    try:
        r = subprocess.run(["h5dump", path], capture_output=True, timeout=5)
        return r.returncode < 0
    except subprocess.TimeoutExpired:
        return True


def nir(nodes_edges_fn, version="0.5.0"):
    def make(path):
        nodes, edges = nodes_edges_fn()
        write_nir(path, nodes, edges, version)
    return make


def changed(**changes):
    """small_net with node params replaced (None deletes a key)."""
    def build():
        nodes, edges = small_net()
        for key, value in changes.items():
            node, param = key.split("__")
            if value is None:
                del nodes[node][param]
            else:
                nodes[node][param] = value
        return nodes, edges
    return build


def with_edges(edges):
    def build():
        nodes, _ = small_net()
        return nodes, edges
    return build


def huge_declared(path):
    nodes, edges = small_net()
    write_nir(path, nodes, edges)
    with h5py.File(path, "a") as f:
        del f["node/nodes/fc/weight"]
        # 1.6e9 floats declared, nothing written (chunks never allocated).
        f["node/nodes/fc"].create_dataset("weight", shape=(40000, 40000),
                                          dtype=np.float32, chunks=(64, 64))


def group_cycle(path):
    nodes, edges = small_net()
    nodes["sub"] = {"type": "NIRGraph", "nodes": {}, "edges": []}
    write_nir(path, nodes, edges + [("lif", "sub")])
    with h5py.File(path, "a") as f:
        f["node/nodes/sub/nodes/again"] = f["node/nodes/sub"]  # hard link


def subgraph_output_feeds(path):
    # Defect 1: the nested graph's Output also feeds a node inside it.
    inner = {"in": port("Input", 3), "l": lif(3), "out": port("Output", 3),
             "l2": lif(3)}
    nodes = {"input": port("Input", 2), "fc": affine(3, 2),
             "sub": {"type": "NIRGraph", "nodes": inner,
                     "edges": [("in", "l"), ("l", "out"), ("out", "l2")]},
             "output": port("Output", 3)}
    write_nir(path, nodes, [("input", "fc"), ("fc", "sub"),
                            ("sub", "output")])


def conv_too_big(path):
    nodes = {"input": port("Input", 1), "conv": {
        "type": "Conv1d", "weight": np.ones((1, 1, 9), dtype=np.float32),
        "bias": np.zeros(1, dtype=np.float32),
        "input_shape": np.array([4], dtype=np.int64)},
        "output": port("Output", 1)}
    nodes["input"]["shape"] = np.array([1, 4], dtype=np.int64)
    write_nir(path, nodes, [("input", "conv"), ("conv", "output")])


def delay_net(delay):
    def build():
        nodes = {"input": port("Input", 2),
                 "d": {"type": "Delay", "delay": np.array(delay)},
                 "output": port("Output", 2)}
        return nodes, [("input", "d"), ("d", "output")]
    return build


def connector_net(**override):
    """input(4) -> nmc.Connector (fixed_probability, 4 -> 3) -> lif ->
    output, with datasets replaced (None deletes one)."""
    def build():
        conn = {"type": "nmc.Connector", "rule": "fixed_probability",
                "n_pre": np.array(4), "n_post": np.array(3),
                "p": np.array(0.5), "weight": np.array([1.0]),
                "seed": np.array(7)}
        for key, value in override.items():
            if value is None:
                del conn[key]
            else:
                conn[key] = value
        nodes = {"input": port("Input", 4), "conn": conn, "lif": lif(3),
                 "output": port("Output", 3)}
        return nodes, [("input", "conn"), ("conn", "lif"), ("lif", "output")]
    return build


def empty_graph():
    return {}, []


def text(content):
    def make(path):
        open(path, "w").write(content)
    return make


def truncated(fixture_dir, name):
    def make(path):
        data = open(os.path.join(fixture_dir, name), "rb").read()
        open(path, "wb").write(data[: len(data) // 2])
    return make


def nir_cases(fx):
    run = ["run", "{file}", "--steps", "3", "--input", "poisson:100"]
    imp = ["import", "{file}"]
    F = r"{file}"
    return [
        Case("missing_type", nir(changed(lif__type=None)), imp,
             F + r".*/node/nodes/lif/type"),
        Case("unknown_type", nir(changed(lif__type="Lif2")), imp,
             F + r".*/node/nodes/lif/type: unknown node type \"Lif2\""),
        Case("tau_is_string", nir(changed(lif__tau="fast")), imp,
             F + r".*/node/nodes/lif/tau"),
        Case("weight_1d", nir(changed(fc__weight=np.ones(6, np.float32))),
             imp, F + r".*/node/nodes/fc/weight"),
        Case("missing_threshold", nir(changed(lif__v_threshold=None)), imp,
             F + r".*/node/nodes/lif/v_threshold"),
        Case("input_shape_negative",
             nir(changed(input__shape=np.array([-3]))), imp,
             F + r".*/node/nodes/input/shape"),
        Case("edges_three_columns",
             nir(with_edges([("input", "fc", "x"), ("fc", "lif", "x")])), imp,
             F + r".*/node/edges"),
        Case("no_edges", nir(with_edges(None)), imp,
             F + r".*/node/edges: missing"),
        Case("edge_to_missing_node",
             nir(with_edges([("input", "fc"), ("fc", "ghost"),
                             ("lif", "output")])), imp, F + r".*ghost"),
        Case("root_not_graph", lambda p: root_not_graph(p), imp,
             F + r".*/node/type"),
        Case("huge_declared_size", huge_declared, imp,
             F + r".*/node/nodes/fc/weight: declares 1600000000 elements"),
        Case("hard_link_cycle", group_cycle, imp,
             F + r".*/node/nodes/sub/nodes/again.*nested too deep"),
        Case("shape_mismatch", nir(changed(fc__weight=np.ones((3, 5)))), imp,
             F + r".*'fc'"),
        Case("self_loop_affine",
             nir(with_edges([("input", "fc"), ("fc", "fc"), ("fc", "lif"),
                             ("lif", "output")])), imp, F + r".*'fc'"),
        Case("subgraph_output_feeds_node", subgraph_output_feeds, imp,
             F + r".*output node 'out'"),
        Case("conv_kernel_wider_than_input", conv_too_big, imp,
             F + r".*'conv'"),
        Case("parameter_shape_differs",
             nir(changed(lif__r=np.ones((1, 3)))), imp,
             F + r".*node 'lif': parameter '\w+' has shape \[(3|1, 3)\] but "
             r"the neuron shape is \[(1, 3|3)\]"),
        Case("nan_weight",
             nir(changed(fc__weight=np.array([[np.nan, 0]] * 3))), run,
             F + r".*'fc'.*weight"),
        Case("inf_tau", nir(changed(lif__tau=np.array([0.01, np.inf, 1]))),
             run, F + r".*'lif'.*(tau|time constant)"),
        Case("nan_threshold",
             nir(changed(lif__v_threshold=np.array([1, 1, np.nan]))), run,
             F + r".*'lif'.*not finite"),
        Case("delay_1e30", nir(delay_net([0.001, 1e30])), run,
             F + r".*node 'd': delay 1(\.0+)?e\+30"),
        Case("connector_p_above_1", nir(connector_net(p=np.array(1.5))),
             imp, F + r".*/node/nodes/conn/p: p = 1\.5 \(fixed_probability\) "
             r"must be in \[0, 1\]"),
        Case("connector_p_nan", nir(connector_net(p=np.array(np.nan))), imp,
             F + r".*/node/nodes/conn/p: p = nan"),
        Case("connector_negative_size",
             nir(connector_net(n_pre=np.array(-4))), imp,
             F + r".*/node/nodes/conn/n_pre: n_pre = -4 must be in"),
        Case("connector_huge_n",
             nir(connector_net(rule="fixed_total_number",
                               n=np.array(10**15))), imp,
             F + r".*/node/nodes/conn/n: n = 1000000000000000 "
             r"\(fixed_total_number\) is more than the limit"),
        Case("connector_unknown_rule", nir(connector_net(rule="fixed_degree")),
             imp, F + r".*/node/nodes/conn/rule: unknown rule \"fixed_degree\""),
        Case("connector_missing_p", nir(connector_net(p=None)), imp,
             F + r".*/node/nodes/conn/p: missing; rule fixed_probability"),
        Case("connector_sd_negative",
             nir(connector_net(weight_distribution="normal_clipped",
                               weight=np.array([1.0, -1.0, 0.0, 2.0]))), imp,
             F + r".*/node/nodes/conn/weight: weight\.sd = -1"),
        Case("connector_delay_nan",
             nir(connector_net(delay=np.array([np.nan]))), imp,
             F + r".*/node/nodes/conn/delay: delay\.value = nan"),
        Case("empty_graph", nir(empty_graph), run, F + r": .*no nodes"),
        Case("not_hdf5", text("step,neuron\n1,2\n"), imp,
             F + r".*not an HDF5 file"),
        Case("truncated", truncated(fx, "paper_cnn_sinabs.nir"), imp,
             F + r".*(cannot open|corrupt)"),
    ]


def root_not_graph(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data="0.5.0", dtype=STR)
        g = f.create_group("node")
        g.create_dataset("type", data="LIF", dtype=STR)


def heap_cases(fx):
    cases = []
    for fixture, seed, muts in HEAP_RECIPES:
        src = os.path.join(fx, fixture)
        stem = "heap_%s_seed%d" % (fixture.split(".")[0], seed)
        make = (lambda s, sd, m: lambda p: mutate(s, sd, m, p))(src, seed,
                                                                 muts)
        cases.append(Case(stem + "_import", make, ["import", "{file}"],
                          r"{file}: error: " + CRASH))
        cases.append(Case(stem + "_run", make,
                          ["run", "{file}", "--steps", "3"],
                          r"{file}: " + CRASH))
        cases.append(Case(stem + "_translate", make,
                          ["--import-nir", "{file}"],
                          r"{file}.*error: .*" + CRASH, tool="nmc-translate"))
    return cases


def input_cases(fx):
    model = os.path.join(fx, "gen_ff_affine_lif.nir")
    run = ["run", model, "--steps", "5", "--input", "{file}"]
    F = r"{file}"
    cases = [
        Case("csv_nan_value", text("step,neuron,value\n1,0,nan\n"), run,
             F + r".*(finite|nan)", suffix=".csv"),
        Case("csv_neuron_out_of_range", text("1,99\n"), run, F + r".*99",
             suffix=".csv"),
        Case("csv_garbage", text("1,0\nhello world\n"), run,
             F + r":2: ", suffix=".csv"),
        Case("csv_negative_step", text("-4,0\n"), run, F + r".*-4",
             suffix=".csv"),
        Case("nirdata_wrong_type", nirdata_type("NIRNodeData"), run,
             F + r".*/@__type__", suffix=".h5"),
        Case("nirdata_not_hdf5", text("not hdf5\n"), run,
             F + r".*not an HDF5 file", suffix=".h5"),
    ]
    for fixture, seed, muts in NIRDATA_RECIPES:
        src = os.path.join(fx, fixture)
        make = (lambda s, sd, m: lambda p: mutate(s, sd, m, p))(src, seed,
                                                                 muts)
        cases.append(Case("heap_nirdata_seed%d" % seed, make, run,
                          F + r": " + CRASH, suffix=".h5"))
    return cases


def nirdata_type(value):
    def make(path):
        with h5py.File(path, "w") as f:
            f.attrs["__type__"] = value
    return make


def image_cases(fx, nmc, workdir):
    """Images compiled from a fixture, then broken."""
    base = os.path.join(workdir, "base.img")
    subprocess.run([nmc, "compile", os.path.join(fx, "gen_ff_affine_lif.nir"),
                    "-o", base], check=True, capture_output=True)
    run = ["run", "{file}", "--steps", "3"]
    F = r"{file}"

    def edited(edit):
        def make(path):
            shutil.copy(base, path)
            with h5py.File(path, "a") as f:
                edit(f)
        return make

    def first_dataset(f):
        found = []
        f.visititems(lambda n, o: found.append(n)
                     if isinstance(o, h5py.Dataset) and not found else None)
        return found[0]

    def heap_crash(path):
        # The image is built here, so its byte layout is nmc's: take the
        # first seed whose mutation makes h5dump crash or hang.
        for seed in range(100):
            mutate(base, seed, None, path)
            if h5dump_fails(path):
                return
        raise RuntimeError("no crashing heap mutation of the image")

    return [
        Case("image_unknown_format",
             edited(lambda f: f.attrs.__setitem__("format", "nmc-bogus")),
             run, F + r".*unknown image format 'nmc-bogus'", suffix=".img"),
        Case("image_newer_version",
             edited(lambda f: f.attrs.__setitem__("format_version", 999)),
             run, F + r".*/@format_version", suffix=".img"),
        Case("image_missing_array",
             edited(lambda f: f.__delitem__(first_dataset(f))), run,
             F + r".*/", suffix=".img"),
        Case("image_heap_corrupt", heap_crash, run, F + r": " + CRASH,
             suffix=".img"),
    ]


def all_cases(fixture_dir, nmc, workdir):
    return (nir_cases(fixture_dir) + heap_cases(fixture_dir) +
            input_cases(fixture_dir) +
            image_cases(fixture_dir, nmc, workdir))
