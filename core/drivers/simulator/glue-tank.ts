/**
 * The labeler's hot-melt glue tank: heater element, glue mass and a lagging temperature
 * sensor, controlled by a PID with anti-windup. Cold granules are dropped in whenever the
 * level falls (only while labelling), so the temperature dips and the PID recovers with
 * some overshoot: the ±2 °C swing a plant engineer expects. From ambient it heats to the
 * 170 °C setpoint in about 20 minutes.
 */
import type { Random } from './random.js';

/** Heater power as a rate of temperature rise of the element, °C/s at full output. */
const HEATER_RATE = 0.72;
/** Element-to-glue coupling, 1/s on the element side and on the glue side. */
const ELEMENT_TO_GLUE = 1 / 60;
const GLUE_FROM_ELEMENT = 1 / 240;
/** Glue heat loss to ambient, 1/s (time constant 30 min). */
const GLUE_LOSS = 1 / 1800;
const SENSOR_TAU_S = 15;
const KP = 0.09;
const TI_S = 300;
const TD_S = 45;
/** Level fraction used per label, so that a refill comes every few minutes at full speed. */
const LEVEL_PER_LABEL = 0.1 / (240 * 4.5);
const REFILL_DIP_C = 3.4;
const REFILL_MELT_S = 25;

export class GlueTank {
  setpoint: number;
  /** Glue temperature (what the sensor lags behind). */
  glue: number;
  /** Heater element temperature. */
  element: number;
  /** Sensor reading, °C. */
  sensor: number;
  /** PID output 0..1. */
  output = 0;
  private integral = 0;
  private level = 1;
  private meltLeftS = 0;
  private dipRate = 0;

  constructor(
    setpoint: number,
    ambient: number,
    private readonly rng: Random,
  ) {
    this.setpoint = setpoint;
    this.glue = ambient;
    this.element = ambient;
    this.sensor = ambient;
  }

  /** Ready to glue labels: within 12 °C of the setpoint. */
  get ready(): boolean {
    return this.sensor >= this.setpoint - 12;
  }

  /**
   * One step. `labelsPerMin`: current consumption; `heaterLimit`: 1 normally, lower while a
   * heater element has failed (fault L210 "glue temperature low").
   */
  step(dtS: number, ambient: number, labelsPerMin: number, heaterLimit: number): void {
    const previous = this.sensor;
    // Controller (acts on the lagging sensor).
    const error = this.setpoint - this.sensor;
    const derivative = -(this.sensor - previous) / dtS;
    const unclamped = KP * (error + this.integral + TD_S * derivative);
    const limit = Math.max(0, Math.min(1, heaterLimit));
    this.output = Math.max(0, Math.min(limit, unclamped));
    const saturated = (unclamped >= limit && error > 0) || (unclamped <= 0 && error < 0);
    if (!saturated) this.integral += (error * dtS) / TI_S;
    // Refill with cold granules when the level falls.
    this.level -= (labelsPerMin / 60) * dtS * LEVEL_PER_LABEL;
    if (this.level < 0.9 && this.meltLeftS <= 0) {
      const shot = 1 - this.level;
      this.level = 1;
      this.meltLeftS = REFILL_MELT_S;
      this.dipRate = (REFILL_DIP_C * (shot / 0.1) * this.rng.uniform(0.85, 1.15)) / REFILL_MELT_S;
    }
    let melt = 0;
    if (this.meltLeftS > 0) {
      melt = this.dipRate;
      this.meltLeftS -= dtS;
    }
    // Plant.
    const flow = this.element - this.glue;
    this.element += (HEATER_RATE * this.output - ELEMENT_TO_GLUE * flow) * dtS;
    this.glue += (GLUE_FROM_ELEMENT * flow - GLUE_LOSS * (this.glue - ambient) - melt) * dtS;
    this.sensor += ((this.glue - this.sensor) * dtS) / SENSOR_TAU_S;
  }
}
