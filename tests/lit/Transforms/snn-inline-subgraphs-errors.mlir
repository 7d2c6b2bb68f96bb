// RUN: nmc-opt %s -split-input-file -verify-diagnostics
// A nested graph whose output node also feeds a node inside it is not a
// NIR graph (nir.read refuses it too): the verifier names the subgraph and
// both nodes; inlining it would leave a dangling use.

snn.graph @g {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error @below {{node 'sub': output node 'output' feeds node 't' inside the nested graph; an output node can have no users}}
  %a = snn.subgraph "sub"(%in : tensor<1xf32>) -> tensor<1xf32> {
    %i = snn.input "input" -> tensor<1xf32>
    %s = snn.scale "s"(%i : tensor<1xf32>) {scale = dense<3.0> : tensor<1xf32>} -> tensor<1xf32>
    %o = snn.output "output"(%s : tensor<1xf32>) -> tensor<1xf32>
    %t = snn.scale "t"(%o : tensor<1xf32>) {scale = dense<2.0> : tensor<1xf32>} -> tensor<1xf32>
  }
  %out = snn.output "out"(%a : tensor<1xf32>) -> tensor<1xf32>
}
