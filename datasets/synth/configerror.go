package synth

// ConfigError is the error of a Config (or output path) that cannot be
// generated. It carries the reason on its own, so a caller shows the
// reason in its own words without cutting it out of Error's text, and it
// is ErrInvalidConfig for errors.Is, so a caller can tell bad usage from a
// failure to write.
type ConfigError struct {
	// Reason says what is wrong, e.g. "cases must be at least 1, got 0".
	Reason string
}

func (e *ConfigError) Error() string { return ErrInvalidConfig.Error() + ": " + e.Reason }

// Is makes every ConfigError match ErrInvalidConfig.
func (e *ConfigError) Is(target error) bool { return target == ErrInvalidConfig }
