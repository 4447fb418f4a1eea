; COE Tracker: per-user Windows installer for the one-folder bundle (Inno Setup 6).
;
; Build on Windows, from the repository root, after the bundle (packaging/README.md):
;     pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\coetracker.spec
;     iscc packaging\windows\coetracker.iss
; The result is dist\coetracker-<version>-setup.exe.
;
; Nothing here is a copy of the package's facts: the version is read from coetracker.exe's
; version resource, which the spec writes from coetracker/__init__.py; the application id is
; checked against APP_ID by tests/unit/test_packaging.py (override with /DAppId=…).
; No administrator rights are needed: the program goes to %LOCALAPPDATA%\Programs, shortcuts to
; the user's Start menu and desktop. Uninstalling removes the program, never the user's data
; (database, backups and logs stay in %LOCALAPPDATA%\coetracker).

#define BundleDir AddBackslash(SourcePath) + "..\..\dist\coetracker"
#define IconFile AddBackslash(SourcePath) + "..\..\build\pyinstaller\coetracker\icons\coetracker.ico"
#define AppName "COE Tracker"
#define AppExe "coetracker.exe"
#ifndef AppId
  #define AppId "jp.coetracker.CoeTracker"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=coetracker-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Uninstallable=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Bytecode Python writes beside the migration scripts when they run (not the user's data).
Type: filesandordirs; Name: "{app}\_internal\coetracker\storage\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\coetracker\storage\migrations\versions\__pycache__"
