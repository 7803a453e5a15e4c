#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The number of events among `trials` independent cases that each have the same chance `probability`.
///
/// Funnel limits and the run-chart crossings rule both need points of this distribution's cumulative
/// probability, for anything from a single case to millions of cases. Two choices keep that exact
/// enough and fast:
///
/// - each probability P(X = k) comes from Loader's saddle-point formula (the one R's `dbinom` uses),
///   accurate to about 1e-15 relative at any size, with no factorials that could overflow and no
///   error that builds up term after term as a recurrence would;
/// - only the outcomes that carry probability are visited: starting at the most likely count and
///   walking outwards until what is left over is provably below 1e-20. That is about twenty standard
///   deviations' worth of terms (some thousands for a million cases), not `trials` terms.
struct BinomialDistribution: Sendable {
    let trials: Int
    let probability: Double

    /// The lowest count whose probability is kept; everything below it adds up to less than `negligible`.
    let lowestCount: Int
    /// P(X = lowestCount + i).
    let masses: [Double]
    /// P(X ≤ lowestCount + i), summed from the bottom so that small lower tails stay accurate.
    let lowerTails: [Double]
    /// P(X > lowestCount + i), summed from the top so that small upper tails stay accurate.
    let upperTails: [Double]

    /// Probability left out on either side: far below anything a report could show.
    static let negligible = 1e-20

    init(trials: Int, probability: Double) {
        precondition(trials >= 0, "a number of cases cannot be negative")
        precondition(probability >= 0 && probability <= 1, "a probability lies between 0 and 1")
        self.trials = trials
        self.probability = probability

        let n = Double(trials)
        let p = probability
        let q = 1 - probability
        let mostLikely = min(max(Int((n + 1) * p), 0), trials)

        // Walk down from the most likely count. Below the mode each step multiplies the probability by
        // k·q / ((n − k + 1)·p), a ratio that only shrinks further down, so once it is below 1 the rest
        // of the tail is bounded by a geometric series.
        var below: [Double] = []
        var count = mostLikely - 1
        while count >= 0 {
            let mass = Self.exactMass(count, trials: trials, p: p)
            below.append(mass)
            let ratio = Double(count) * q / ((n - Double(count) + 1) * p)
            if ratio < 1 && mass * ratio / (1 - ratio) < Self.negligible { break }
            count -= 1
        }
        // And up, where each step multiplies by (n − k)·p / ((k + 1)·q).
        var upwards: [Double] = [Self.exactMass(mostLikely, trials: trials, p: p)]
        count = mostLikely + 1
        while count <= trials {
            let mass = Self.exactMass(count, trials: trials, p: p)
            upwards.append(mass)
            let ratio = (n - Double(count)) * p / ((Double(count) + 1) * q)
            if ratio < 1 && mass * ratio / (1 - ratio) < Self.negligible { break }
            count += 1
        }

        let masses = below.reversed() + upwards
        self.masses = masses
        self.lowestCount = mostLikely - below.count

        var running = CompensatedSum()
        self.lowerTails = masses.map { mass in
            running.add(mass)
            return running.value
        }
        var fromTop = CompensatedSum()
        var upperTails = [Double](repeating: 0, count: masses.count)
        for index in masses.indices.reversed() {
            upperTails[index] = fromTop.value
            fromTop.add(masses[index])
        }
        self.upperTails = upperTails
    }

    /// The highest count whose probability is kept.
    var highestCount: Int { lowestCount + masses.count - 1 }

    /// P(X = count).
    func probability(of count: Int) -> Double {
        guard count >= lowestCount && count <= highestCount else { return 0 }
        return masses[count - lowestCount]
    }

    /// P(X ≤ count).
    func probabilityAtOrBelow(_ count: Int) -> Double {
        if count < lowestCount { return 0 }
        if count >= highestCount { return 1 }
        let index = count - lowestCount
        // Whichever tail is smaller was summed without cancellation; use it.
        return upperTails[index] < lowerTails[index] ? 1 - upperTails[index] : lowerTails[index]
    }

    /// How far P(X ≤ count) exceeds `level`, computed from the smaller tail so that levels such as
    /// 0.999 do not lose digits to `1 − small`.
    func excess(atOrBelow count: Int, over level: Double) -> Double {
        if count < lowestCount { return -level }
        if count >= highestCount { return 1 - level }
        let index = count - lowestCount
        if level >= 0.5 {
            // 1 − level is exact here (Sterbenz), so only the small upper tail carries rounding.
            return (1 - level) - upperTails[index]
        }
        return lowerTails[index] - level
    }

    /// The smallest count r with P(X ≤ r) ≥ level: R's `qbinom(level, trials, probability)`.
    func quantile(_ level: Double) -> Int {
        precondition(level > 0 && level < 1, "a quantile level lies strictly between 0 and 1")
        // The excess grows with the count, so a binary search over the kept counts finds the first
        // count that reaches the level.
        var low = lowestCount
        var high = highestCount
        while low < high {
            let middle = low + (high - low) / 2
            if excess(atOrBelow: middle, over: level) >= 0 {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    // MARK: Loader's saddle-point probability

    /// P(X = k) for X ~ Binomial(n, p).
    ///
    /// C. Loader (2000), "Fast and accurate computation of binomial probabilities", as in R's
    /// `dbinom`: the probability is written as exp of small, well-conditioned pieces (Stirling's error
    /// terms and the deviance) instead of as a ratio of huge factorials. Two refinements over R keep
    /// the error near 1e-15 where R's reaches 1e-13 to 1e-11: the means n·p and n·(1 − p) are carried
    /// to twice double precision (n·p is rarely a double: 10⁶ × 0.2 is off by 1e-11, which the
    /// deviance then magnifies), and log(1 − k/n) is taken as log((n − k)/n), exact for k near n.
    static func exactMass(_ k: Int, trials: Int, p: Double) -> Double {
        if k < 0 || k > trials { return 0 }
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == trials ? 1 : 0 }
        if trials == 0 { return 1 }
        let n = Double(trials)
        let (events, nonEvents) = means(trials: trials, p: p)
        if k == 0 {
            // All cases without the event: (1 − p)^n.
            let logMass = p < 0.1 ? -deviance(n, nonEvents) - events.sum : n * log1p(-p)
            return exp(logMass)
        }
        if k == trials {
            let logMass = p > 0.9 ? -deviance(n, events) - nonEvents.sum : n * log(p)
            return exp(logMass)
        }
        let x = Double(k)
        let logMass =
            stirlingError(trials) - stirlingError(k) - stirlingError(trials - k)
            - deviance(x, events) - deviance(n - x, nonEvents)
        // log(2π·x·(n − x)/n). R writes the last factor as log1p(−x/n), which loses digits when x is
        // close to n (for n = 10⁶ and x = n − 1, ten of them); n − x is a whole number, so is exact.
        let twoPi = 6.283_185_307_179_586_476_925_286_766_559
        let logSpread = log(twoPi * x * (Double(trials - k) / n))
        return exp(logMass - 0.5 * logSpread)
    }

    /// A mean carried as a double plus the rounding error of that double, so that `value + error` is
    /// exact to about 32 digits.
    struct PreciseMean {
        let value: Double
        let error: Double
        var sum: Double { value + error }
    }

    /// n·p and n·(1 − p) as precise means that add up to exactly n.
    static func means(trials: Int, p: Double) -> (events: PreciseMean, nonEvents: PreciseMean) {
        let n = Double(trials)
        let np = n * p
        let npError = (-np).addingProduct(n, p)  // fused, so exact: n·p = np + npError
        // n − np with its rounding error recovered (Knuth's TwoSum).
        let nq = n - np
        let back = nq - n
        let nqRounding = (n - (nq - back)) + (-np - back)
        return (PreciseMean(value: np, error: npError), PreciseMean(value: nq, error: nqRounding - npError))
    }

    /// x·log(x / mean) + mean − x, the deviance between a count and its mean.
    ///
    /// Close to the mean, which is where most of the probability lies, the direct formula cancels
    /// almost completely; Loader's series in v = (x − mean)/(x + mean) does not.
    static func deviance(_ x: Double, _ mean: PreciseMean) -> Double {
        // x and mean are within a factor 1.25 of each other in the series branch, so x − mean.value
        // is exact there (Sterbenz) and the difference carries the mean's full precision.
        let difference = (x - mean.value) - mean.error
        let total = (x + mean.value) + mean.error
        if abs(difference) < 0.1 * total {
            var v = difference / total
            var sum = difference * v
            var term = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                term *= v
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        // log(x / (value + error)) = log(x / value) − log1p(error / value).
        return x * (log(x / mean.value) - log1p(mean.error / mean.value)) - difference
    }

    /// log(k!) − log(√(2πk)·(k/e)^k): how far Stirling's formula is from the factorial.
    static func stirlingError(_ k: Int) -> Double {
        if k <= 15 {
            return smallStirlingErrors[k]
        }
        let x = Double(k)
        let xx = x * x
        let s0 = 1.0 / 12
        let s1 = 1.0 / 360
        let s2 = 1.0 / 1260
        let s3 = 1.0 / 1680
        let s4 = 1.0 / 1188
        if k > 500 { return (s0 - s1 / xx) / x }
        if k > 80 { return (s0 - (s1 - s2 / xx) / xx) / x }
        if k > 35 { return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x }
        return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x
    }

    /// Stirling's error for 0…15 cases, computed with mpmath at 40 digits:
    /// `loggamma(n+1) - (n+1/2)*log(n) + n - log(sqrt(2*pi))`. Entry 0 is never used.
    static let smallStirlingErrors: [Double] = [
        0,
        0.081_061_466_795_327_258_219_670_26,
        0.041_340_695_955_409_294_093_822_08,
        0.027_677_925_684_998_339_148_789_29,
        0.020_790_672_103_765_093_111_522_77,
        0.016_644_691_189_821_192_163_194_87,
        0.013_876_128_823_070_747_998_745_73,
        0.011_896_709_945_891_770_095_055_72,
        0.010_411_265_261_972_096_497_478_57,
        0.009_255_462_182_712_732_917_728_637,
        0.008_330_563_433_362_871_256_469_319,
        0.007_573_675_487_951_840_794_972_024,
        0.006_942_840_107_209_529_865_664_153,
        0.006_408_994_188_004_207_068_439_631,
        0.005_951_370_112_758_847_735_624_416,
        0.005_554_733_551_962_801_371_038_69,
    ]
}

/// Neumaier's compensated summation: adding thousands of probabilities of very different sizes
/// without the last digits drifting.
struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ term: Double) {
        let total = sum + term
        if abs(sum) >= abs(term) {
            compensation += (sum - total) + term
        } else {
            compensation += (term - total) + sum
        }
        sum = total
    }

    var value: Double { sum + compensation }
}
