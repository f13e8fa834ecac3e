"""Pure sports-science formulas (strength, RPE chart, running, training load); no Django imports."""
