// Times NeuralAmpModelerCore as samples/AmpModel's `bench` times StaticNet: one second of a 0.5-peak 110 Hz tone at
// 48 kHz, blocks of 64 and of 1, best of 7 rounds, ns per sample (its Reset with prewarm first). Built by compare.sh.
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>
#include "NAM/dsp.h"
#include "NAM/get_dsp.h"
#include "NAM/activations.h"

int main(int argc, char** argv)
{
  bool fast = argc > 2 && std::strcmp(argv[2], "--fast-tanh") == 0;
  if (fast) nam::activations::Activation::enable_fast_tanh(); else nam::activations::Activation::disable_fast_tanh();
  std::vector<double> tone(48000);
  for (int t = 0; t < 48000; t++) tone[t] = 0.5 * std::sin(2 * M_PI * 110 * t / 48000.0);
  for (int block : {64, 1})
  {
    auto model = nam::get_dsp(std::filesystem::path(argv[1]));
    model->Reset(48000, block);
    std::vector<double> out(block);
    double best = 1e30;
    for (int round = 0; round < 7; round++)
    {
      auto start = std::chrono::steady_clock::now();
      for (int at = 0; at + block <= 48000; at += block)
      {
        double* in = tone.data() + at;
        double* o = out.data();
        model->process(&in, &o, block);
      }
      double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / 48000;
      if (ns < best) best = ns;
    }
    std::cout << "blocks of " << block << ": " << best << " ns per sample" << (fast ? " (fast tanh)" : "") << "\n";
  }
}
