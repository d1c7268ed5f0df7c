DROP TABLE dues_base_imports;
