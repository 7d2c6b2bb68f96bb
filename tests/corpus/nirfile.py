"""Writes NIR graph files the way nir.write lays them out (h5py), so that
the corpus can break one thing at a time. Values: str -> scalar UTF-8
string, anything else -> numpy array in its own dtype; a dict with
"nodes"/"edges" is a nested NIRGraph."""
import h5py
import numpy as np

STR = h5py.string_dtype("utf-8")


def write_value(group, key, value):
    if isinstance(value, str):
        group.create_dataset(key, data=value, dtype=STR)
    else:
        group.create_dataset(key, data=np.asarray(value))


def write_graph(group, nodes, edges):
    group.create_dataset("type", data="NIRGraph", dtype=STR)
    if edges is not None:
        if len(edges):
            group.create_dataset("edges", data=np.array(edges, dtype=object),
                                 dtype=STR)
        else:  # nir.write stores an empty edge list as float64 (0,)
            group.create_dataset("edges", data=np.zeros(0))
    if nodes is None:
        return
    nodes_group = group.create_group("nodes")
    for name, params in nodes.items():
        g = nodes_group.create_group(name)
        if params.get("type") == "NIRGraph":
            write_graph(g, params["nodes"], params["edges"])
            continue
        for key, value in params.items():
            write_value(g, key, value)


def write_nir(path, nodes, edges, version="0.5.0"):
    with h5py.File(path, "w") as f:
        if version is not None:
            write_value(f, "version", version)
        write_graph(f.create_group("node"), nodes, edges)


def lif(n, **override):
    params = {"type": "LIF", "tau": np.full(n, 0.01), "r": np.ones(n),
              "v_leak": np.zeros(n), "v_threshold": np.ones(n)}
    params.update(override)
    return params


def affine(out, inp, **override):
    params = {"type": "Affine",
              "weight": np.full((out, inp), 0.5, dtype=np.float32),
              "bias": np.zeros(out, dtype=np.float32)}
    params.update(override)
    return params


def port(kind, n):
    return {"type": kind, "shape": np.array([n], dtype=np.int64)}


def small_net():
    """input(2) -> fc Affine(3x2) -> lif LIF(3) -> output(3)."""
    nodes = {"input": port("Input", 2), "fc": affine(3, 2), "lif": lif(3),
             "output": port("Output", 3)}
    edges = [("input", "fc"), ("fc", "lif"), ("lif", "output")]
    return nodes, edges
